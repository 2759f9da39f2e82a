#!/usr/bin/env python3
"""PyNN's VAbenchmarks COBA (Brette et al. 2007, benchmark 1; examples/VAbenchmarks.py) written in Brian2: 4,000
conductance-based LIF neurons (IF_cond_exp: 3,200 E / 800 I), p = 0.02 (self-connections allowed, as PyNN's
FixedProbabilityConnector), C 0.2 nF (20,000 µm² at 1 µF/cm²), τ_m 20 ms, E_L −60 mV, threshold −50 mV, reset −60 mV,
5 ms refractory clamped at the reset, exponential conductances τ_e 5 ms / τ_i 10 ms, E_e 0 / E_i −80 mV, weights
4 nS / 51 nS, delay 0.2 ms, V(0) uniform in [−60, −50] mV; the kick-off: 20 Poisson sources at 100 Hz for the first
50 ms, each connected with p = 0.01 and 0.1 µS to every neuron's excitatory conductance (delay 0.2 ms: PyNN's
default, the min_delay). Exponential Euler at dt = 0.1 ms. Prints one JSON object: loop seconds, neuron-steps/s,
spikes, mean rate and mean CV of inter-spike intervals, for all neurons and for E and I apart.

Usage: /usr/bin/python3 brian2_coba.py [--seed N] [--target cython|cpp_standalone] [--duration s]
"""
from brian2_common import run_main, spike_stats, timed_run


def coba(b2, seed, target, duration):
    from brian2 import Network, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, defaultclock, mV, ms, nF, nS
    b2.seed(seed)
    defaultclock.dt = 0.1 * ms
    n, n_e = 4000, 3200
    ns = {'C': 0.2 * nF, 'gl': 0.2 * nF / (20 * ms), 'El': -60 * mV, 'Vt': -50 * mV, 'Vr': -60 * mV,
          'Ee': 0 * mV, 'Ei': -80 * mV, 'taue': 5 * ms, 'taui': 10 * ms, 'we': 4 * nS, 'wi': 51 * nS, 'wx': 100 * nS}
    eqs = '''
    dv/dt = (gl*(El - v) + ge*(Ee - v) + gi*(Ei - v))/C : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    '''
    P = NeuronGroup(n, eqs, threshold='v > Vt', reset='v = Vr', refractory=5 * ms, method='exponential_euler')
    P.v = '-60*mV + 10*mV*rand()'
    Pe, Pi = P[:n_e], P[n_e:]
    Ce = Synapses(Pe, P, on_pre='ge += we', delay=0.2 * ms)
    Ci = Synapses(Pi, P, on_pre='gi += wi', delay=0.2 * ms)
    Ce.connect(p=0.02)
    Ci.connect(p=0.02)
    ext = PoissonGroup(20, rates='int(t < 50*ms) * 100*Hz')
    Cx = Synapses(ext, P, on_pre='ge += wx', delay=0.2 * ms)
    Cx.connect(p=0.01)
    mon = SpikeMonitor(P)
    net = Network(P, Ce, Ci, ext, Cx, mon)
    loop, compile_s, cpu = timed_run(b2, net, target, duration, ns)
    out = {'seconds': loop, 'cpu_seconds': cpu, 'compile_seconds': compile_s,
           'neuron_steps_per_s': n * round(duration / 1e-4) / loop, 'synapses': int(len(Ce) + len(Ci))}
    i, t = mon.i[:], mon.t[:] / b2.second
    out.update(spike_stats(i, t, n, duration))
    exc = i < n_e
    out['exc'] = spike_stats(i[exc], t[exc], n_e, duration)
    out['inh'] = spike_stats(i[~exc] - n_e, t[~exc], n - n_e, duration)
    return out


if __name__ == '__main__':
    run_main(__doc__, 'coba', coba)
