"""Brian2's examples/synapses/STDP.py (Song, Miller & Abbott 2000) with a settable seed and duration, printing JSON.

The model, parameters and integration are the example's, unchanged: 1,000 Poisson inputs at 15 Hz onto one LIF with
dv/dt = (ge (Ee − vr) + El − v)/taum (the fixed driving force Ee − vr; method 'euler', dt 0.1 ms, no refractory
period), additive STDP with event-driven traces (Apre, Apost), weights clipped to [0, gmax]. Added: `seed(...)`, a
SpikeMonitor on the output neuron (for its rate over the last 10 s), and wall times: the run is split into one step
(code generation and compilation: `compileSeconds`; Cython's cache makes it shorter after the first time) and the rest of
the duration (`wallSeconds`: the simulation itself).

    /usr/bin/python3 sims/bench/peers/brian2_stdp.py [--seed 1] [--duration 100] [--dt 0.0001] [--target cython|numpy] [--conductance]

prints {"seed", "duration", "target", "gMax", "histogram": [10 counts of bins gmax/10 wide], "finalWeights": [...],
"outputRate" (Hz, last 10 s or the whole run if shorter), "outputSpikes", "wallSeconds", "compileSeconds"}. `--conductance` uses the
driving force Ee − v instead (Song et al.'s conductance model); `--dt` sets the time step (s; the example's is 0.1 ms).
Run with /usr/bin/python3 (Debian's python3-brian).
"""
import argparse
import json
import time
import warnings

warnings.filterwarnings('ignore', category=FutureWarning)
from brian2 import (Hz, NeuronGroup, PoissonGroup, SpikeMonitor, Synapses, clip, defaultclock, ms, mV, prefs, run, second,
                    seed)

ap = argparse.ArgumentParser()
ap.add_argument('--seed', type=int, default=1)
ap.add_argument('--duration', type=float, default=100.0)
ap.add_argument('--target', choices=['cython', 'numpy'], default='cython')
ap.add_argument('--conductance', action='store_true')
ap.add_argument('--dt', type=float, default=1e-4)
a = ap.parse_args()
prefs.codegen.target = a.target
defaultclock.dt = a.dt * second
seed(a.seed)

N = 1000
taum = 10*ms
taupre = 20*ms
taupost = taupre
Ee = 0*mV
vt = -54*mV
vr = -60*mV
El = -74*mV
taue = 5*ms
F = 15*Hz
gmax = .01
dApre = .01
dApost = -dApre * taupre / taupost * 1.05
dApost *= gmax
dApre *= gmax

drive = 'Ee-v' if a.conductance else 'Ee-vr'
eqs_neurons = f'''
dv/dt = (ge * ({drive}) + El - v) / taum : volt
dge/dt = -ge / taue : 1
'''

poisson_input = PoissonGroup(N, rates=F)
neurons = NeuronGroup(1, eqs_neurons, threshold='v>vt', reset='v = vr',
                      method='euler')
S = Synapses(poisson_input, neurons,
             '''w : 1
                dApre/dt = -Apre / taupre : 1 (event-driven)
                dApost/dt = -Apost / taupost : 1 (event-driven)''',
             on_pre='''ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)''',
             on_post='''Apost += dApost
                     w = clip(w + Apre, 0, gmax)''',
             )
S.connect()
S.w = 'rand() * gmax'
out_mon = SpikeMonitor(neurons)

t0 = time.perf_counter()
run(defaultclock.dt)
t1 = time.perf_counter()
run(a.duration * second - defaultclock.dt)
t2 = time.perf_counter()

w = S.w[:] / gmax
hist = [0] * 10
for x in w:
    hist[min(9, int(x * 10))] += 1
last = min(10.0, a.duration)
t_out = out_mon.t / second
rate = float(sum(1 for t in t_out if t >= a.duration - last) / last)
print(json.dumps({
    'seed': a.seed, 'duration': a.duration, 'target': a.target, 'conductance': a.conductance, 'dt': float(defaultclock.dt / second),
    'gMax': gmax, 'histogram': hist, 'outputRate': rate, 'outputSpikes': int(out_mon.num_spikes), 'wallSeconds': t2 - t1,
    'compileSeconds': t1 - t0,
    'finalWeights': [float(x) * gmax for x in w],
}))
