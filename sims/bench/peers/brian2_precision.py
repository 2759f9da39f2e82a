"""Brian2 on the `precision` sim's case: one LIF driven by off-grid spike trains through PSCs of order n = 0 or 1.

Reads the case as JSON on stdin ({tauM, tauRef, bias, duration, excitatory: {trains, weights, tauS}, inhibitory: ...,
dts: [...], orders: [...]}) and prints {"rows": [{"n", "dt", "spikes": [s, ...]}]} on stdout. Brian2's `exact`
method integrates the linear system exactly over each step; input spikes are aligned to the grid (SpikeGeneratorGroup
rounds them to dt) and the output spike is the step at whose end v > 1, the refractory period in whole steps.
Run with /usr/bin/python3 (Debian's python3-brian).
"""
import json
import sys
import warnings

warnings.filterwarnings('ignore', category=FutureWarning)
from brian2 import (NeuronGroup, Network, SpikeGeneratorGroup, SpikeMonitor, Synapses, defaultclock, ms, prefs, second,
                    start_scope)

prefs.codegen.target = 'numpy'  # a single neuron: compilation would cost more than it saves

case = json.load(sys.stdin)
rows = []
for n in case['orders']:
    for dt in case['dts']:
        start_scope()
        defaultclock.dt = dt * second
        tauM, tauE, tauI = case['tauM'] * second, case['excitatory']['tauS'] * second, case['inhibitory']['tauS'] * second
        if n == 0:
            eqs = '''dv/dt = (bias - v + Ie + Ii)/tauM : 1 (unless refractory)
                     dIe/dt = -Ie/tauE : 1
                     dIi/dt = -Ii/tauI : 1'''
            targets = ('Ie', 'Ii')
        else:
            eqs = '''dv/dt = (bias - v + Ie + Ii)/tauM : 1 (unless refractory)
                     dIe/dt = (ue - Ie)/tauE : 1
                     due/dt = -ue/tauE : 1
                     dIi/dt = (ui - Ii)/tauI : 1
                     dui/dt = -ui/tauI : 1'''
            targets = ('ue', 'ui')
        bias = case['bias']
        out = NeuronGroup(1, eqs, threshold='v > 1', reset='v = 0', refractory=case['tauRef'] * second, method='exact',
                          namespace={'bias': bias, 'tauM': tauM, 'tauE': tauE, 'tauI': tauI})
        objs = [out]
        for kind, target, tau in (('excitatory', targets[0], tauE), ('inhibitory', targets[1], tauI)):
            times, weights = [], []
            for train, weight in zip(case[kind]['trains'], case[kind]['weights']):
                times += train
                weights += [weight] * len(train)
            # One generator per input spike: a train may hold two spikes within one step at coarse dt.
            gen = SpikeGeneratorGroup(len(times), list(range(len(times))), [t * 1e3 for t in times] * ms)
            # Weights follow spikebridge's convention (∫h = 1): a spike adds w/τ_s (τ_s in s) to the first stage.
            syn = Synapses(gen, out, 'w : 1', on_pre=f'{target} += w/tau_s', namespace={'tau_s': float(tau / second)})
            syn.connect()
            syn.w = weights
            objs += [gen, syn]
        mon = SpikeMonitor(out)
        net = Network(objs + [mon])
        net.run(case['duration'] * second)
        rows.append({'n': n, 'dt': dt, 'spikes': [float(x) for x in mon.t / second]})
print(json.dumps({'rows': rows}))
