#!/usr/bin/env python3
"""Brian2's own COBAHH (examples/COBAHH.py: Brette et al. 2007, benchmark 3), unchanged but for a SpikeMonitor in
place of the StateMonitor and plot, a seed and a choice of target: 4,000 Traub-Miles HH neurons (3,200 E, 800 I),
exponential conductances, p = 0.02, exponential Euler at dt = 0.1 ms. Prints one JSON object: loop seconds,
neuron-steps/s, spikes, mean rate, mean CV of inter-spike intervals (see brian2_common.spike_stats).

Usage: /usr/bin/python3 brian2_cobahh.py [--seed N] [--target cython|cpp_standalone] [--duration s]
"""
from brian2_common import run_main, spike_stats, timed_run


def cobahh(b2, seed, target, duration):
    from brian2 import (Equations, Network, NeuronGroup, SpikeMonitor, Synapses, cm, defaultclock, mV, ms, msiemens,
                        nS, siemens, ufarad, umetre)
    b2.seed(seed)
    defaultclock.dt = 0.1 * ms
    # The example's parameters and equations, verbatim.
    area = 20000*umetre**2
    Cm = (1*ufarad*cm**-2) * area
    gl = (5e-5*siemens*cm**-2) * area
    El = -60*mV
    EK = -90*mV
    ENa = 50*mV
    g_na = (100*msiemens*cm**-2) * area
    g_kd = (30*msiemens*cm**-2) * area
    VT = -63*mV
    taue = 5*ms
    taui = 10*ms
    Ee = 0*mV
    Ei = -80*mV
    we = 6*nS
    wi = 67*nS
    eqs = Equations('''
    dv/dt = (gl*(El-v)+ge*(Ee-v)+gi*(Ei-v)-
             g_na*(m*m*m)*h*(v-ENa)-
             g_kd*(n*n*n*n)*(v-EK))/Cm : volt
    dm/dt = alpha_m*(1-m)-beta_m*m : 1
    dn/dt = alpha_n*(1-n)-beta_n*n : 1
    dh/dt = alpha_h*(1-h)-beta_h*h : 1
    dge/dt = -ge*(1./taue) : siemens
    dgi/dt = -gi*(1./taui) : siemens
    alpha_m = 0.32*(mV**-1)*4*mV/exprel((13*mV-v+VT)/(4*mV))/ms : Hz
    beta_m = 0.28*(mV**-1)*5*mV/exprel((v-VT-40*mV)/(5*mV))/ms : Hz
    alpha_h = 0.128*exp((17*mV-v+VT)/(18*mV))/ms : Hz
    beta_h = 4./(1+exp((40*mV-v+VT)/(5*mV)))/ms : Hz
    alpha_n = 0.032*(mV**-1)*5*mV/exprel((15*mV-v+VT)/(5*mV))/ms : Hz
    beta_n = .5*exp((10*mV-v+VT)/(40*mV))/ms : Hz
    ''')
    P = NeuronGroup(4000, model=eqs, threshold='v>-20*mV', refractory=3*ms, method='exponential_euler')
    Pe = P[:3200]
    Pi = P[3200:]
    Ce = Synapses(Pe, P, on_pre='ge+=we')
    Ci = Synapses(Pi, P, on_pre='gi+=wi')
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    P.v = 'El + (randn() * 5 - 5)*mV'
    P.ge = '(randn() * 1.5 + 4) * 10.*nS'
    P.gi = '(randn() * 12 + 20) * 10.*nS'
    mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, mon)
    ns = {'area': area, 'Cm': Cm, 'gl': gl, 'El': El, 'EK': EK, 'ENa': ENa, 'g_na': g_na, 'g_kd': g_kd, 'VT': VT,
          'taue': taue, 'taui': taui, 'Ee': Ee, 'Ei': Ei, 'we': we, 'wi': wi}
    loop, compile_s, cpu = timed_run(b2, net, target, duration, ns)
    out = {'seconds': loop, 'cpu_seconds': cpu, 'compile_seconds': compile_s,
           'neuron_steps_per_s': 4000 * round(duration / 1e-4) / loop}
    out.update(spike_stats(mon.i[:], mon.t[:] / b2.second, 4000, duration))
    return out


if __name__ == '__main__':
    run_main(__doc__, 'cobahh', cobahh)
