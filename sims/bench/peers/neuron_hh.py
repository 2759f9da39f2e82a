#!/usr/bin/env python3
"""The `hh` workload of sims/bench/README.md in NEURON (Debian's python3-neuron), run by `npm run bench -- --peers`
in the same run as spikebridge's: I = 10 µA/cm² for 1 s, fixed step (implicit Euler, dt 0.025 ms) and CVODE
(atol 1e-3), with each one's largest spike-time error against a converged CVODE run (rtol = atol = 1e-10, exact rates).
Prints one JSON object. One compartment of 100 µm², so the IClamp's I·1e-3 nA is I µA/cm².
"""
import json
import math
import time


def main():
    try:
        from neuron import h
    except ImportError as e:
        print(json.dumps({'error': f'NEURON is not installed ({e}); apt-get install python3-neuron'}))
        return
    h.load_file('stdrun.hoc')
    soma = h.Section(name='soma')
    soma.L = soma.diam = math.sqrt(100 / math.pi)
    soma.insert('hh')
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 0, 1e9, 10e-3
    nc = h.NetCon(soma(0.5)._ref_v, None, sec=soma)
    nc.threshold = 0
    vec = h.Vector()
    nc.record(vec)
    cv = h.CVode()

    def run(cvode, usetable, atol=1e-3, rtol=0, dt=0.025, repeats=5):
        h.usetable_hh = usetable
        cv.active(1 if cvode else 0)
        if cvode:
            cv.atol(atol)
            cv.rtol(rtol)
            cv.condition_order(2)
        else:
            h.dt = dt
        times = []
        for _ in range(repeats):
            h.finitialize(-65)
            t0 = time.perf_counter()
            h.continuerun(1000)
            times.append(time.perf_counter() - t0)
        times.sort()
        return [t * 1e-3 for t in vec], times[len(times) // 2]

    out = {'neuron': h.nrnversion(1)}
    ref, _ = run(True, 0, atol=1e-10, rtol=1e-10, repeats=1)
    ref_table, _ = run(True, 1, atol=1e-10, rtol=1e-10, repeats=1)
    for name, cvode, usetable in (('fixed_0.025ms', False, 1), ('cvode_atol_1e-3', True, 1)):
        spikes, wall = run(cvode, usetable)
        r = ref_table if usetable else ref
        err = max(abs(a - b) for a, b in zip(spikes, r)) if len(spikes) == len(r) else None
        out[name] = {'wall_ms': wall * 1e3, 'spikes': len(spikes), 'max_spike_error_s_vs_converged_table': err}
    out['converged_exact_spikes'] = len(ref)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
