#!/usr/bin/env python3
"""The `lif` and `cuba` workloads of sims/bench/README.md in Brian2 (Debian's python3-brian), run by
`npm run bench -- --peers` in the same process tree as spikebridge's, so the two are compared on the same machine
at the same time. Prints one JSON object. Timed regions exclude code generation and compilation (a first short run
compiles; the timed run reuses the compiled code).

Usage: /usr/bin/python3 brian2_workloads.py [lif] [cuba] [--target cython|numpy]
"""
import json
import sys
import time


def mulberry32(seed):
    """The workloads' mulberry32 generator: uniform draws in [0, 1) as multiples of 2^-32."""
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def nxt():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), a | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0

    return nxt


def mulberry32_block(seed, start, count):
    """Draws start .. start+count-1 of mulberry32(seed) at once: the k-th state is seed + (k+1)·0x6D2B79F5 mod 2^32,
    so the whole stream vectorizes (numpy, 64-bit arithmetic masked to 32 bits)."""
    import numpy as np
    m = np.uint64(0xFFFFFFFF)
    k = np.arange(start + 1, start + count + 1, dtype=np.uint64)
    a = (np.uint64(seed & 0xFFFFFFFF) + k * np.uint64(0x6D2B79F5)) & m
    t = ((a ^ (a >> np.uint64(15))) * (a | np.uint64(1))) & m
    t = t ^ ((t + (((t ^ (t >> np.uint64(7))) * (t | np.uint64(61))) & m)) & m)
    return ((t ^ (t >> np.uint64(14))) & m).astype(np.float64) / 4294967296.0


def lif(b2, target):
    from brian2 import NeuronGroup, Network, SpikeMonitor, ms, second, defaultclock
    b2.prefs.codegen.target = target
    n = 10000
    defaultclock.dt = 0.1 * ms
    tau = 20 * ms
    g = NeuronGroup(n, 'dv/dt = (vin - v)/tau : 1 (unless refractory)\nvin : 1',
                    threshold='v > 1', reset='v = 0', refractory=2 * ms, method='exact', namespace={'tau': tau})
    u = mulberry32(12345)
    g.vin = [3 * u() for _ in range(n)]
    mon = SpikeMonitor(g, record=False)
    net = Network(g, mon)
    t0 = time.perf_counter()
    net.run(1 * ms)  # code generation and compilation
    compile_s = time.perf_counter() - t0
    before = mon.num_spikes
    t0 = time.perf_counter()
    net.run(1 * second)
    s = time.perf_counter() - t0
    return {'neuron_steps_per_s': n * 10000 / s, 'seconds': s, 'spikes': int(mon.num_spikes - before), 'compile_seconds': compile_s}


def cuba(b2, target):
    import numpy as np
    from brian2 import NeuronGroup, Network, SpikeMonitor, Synapses, ms, second, defaultclock
    b2.prefs.codegen.target = target
    n, n_e = 4000, 3200
    defaultclock.dt = 0.1 * ms
    ns = {'taum': 20 * ms, 'taus': 5 * ms, 'mu': 1.1}
    g = NeuronGroup(n, 'dv/dt = (mu - v + I)/taum : 1 (unless refractory)\ndI/dt = -I/taus : 1',
                    threshold='v > 1', reset='v = 0', refractory=2 * ms, method='exact', namespace=ns)
    u = mulberry32(7)
    g.v = [u() for _ in range(n)]
    g.I = 0
    u = mulberry32_block(2024, 0, n * n).reshape(n, n)  # draw k = i·N + j for (pre i, post j)
    ok = u < 0.02
    np.fill_diagonal(ok, False)
    pre, post = np.nonzero(ok)
    exc = pre < n_e
    se = Synapses(g, g, on_pre='I_post += 0.1')
    se.connect(i=pre[exc], j=post[exc])
    si = Synapses(g, g, on_pre='I_post += -0.7')
    si.connect(i=pre[~exc], j=post[~exc])
    mon = SpikeMonitor(g, record=False)
    net = Network(g, se, si, mon)
    # Compile on a copy of the state, then restore it so the timed second is the workload from t = 0.
    net.store('start')
    t0 = time.perf_counter()
    net.run(1 * ms)
    compile_s = time.perf_counter() - t0
    net.restore('start')
    before = mon.num_spikes
    t0 = time.perf_counter()
    net.run(1 * second)
    s = time.perf_counter() - t0
    return {'neuron_steps_per_s': n * 10000 / s, 'seconds': s, 'spikes': int(mon.num_spikes - before),
            'synapses': int(len(pre)), 'compile_seconds': compile_s}


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    target = 'cython'
    if '--target' in sys.argv:
        target = sys.argv[sys.argv.index('--target') + 1]
        args = [a for a in args if a != target]
    try:
        import brian2 as b2
    except ImportError as e:
        print(json.dumps({'error': f'Brian2 is not installed ({e}); apt-get install python3-brian'}))
        return
    b2.BrianLogger.log_level_error()
    out = {'brian2': b2.__version__, 'target': target}
    for w in args or ['lif', 'cuba']:
        try:
            out[w] = {'lif': lif, 'cuba': cuba}[w](b2, target)
        except Exception as e:  # report, do not crash the JavaScript bench
            out[w] = {'error': f'{type(e).__name__}: {e}'}
    print(json.dumps(out))


if __name__ == '__main__':
    main()
