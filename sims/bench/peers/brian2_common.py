"""Shared by brian2_cobahh.py and brian2_coba.py: command line, the timed run on either target, and the spike
statistics the `coba` and `cobahh` workloads report (spikes, mean rate, mean CV of inter-spike intervals)."""
import argparse
import json
import shutil
import sys
import tempfile
import time


def run_main(doc, name, workload):
    """The scripts' command line: runs `workload(b2, seed, target, duration)` and prints one JSON object with its
    result under `name` (or an error, so that a JavaScript caller never sees a crash)."""
    a = parse_args(doc.split('\n')[0])
    try:
        b2, workdir = setup(a.target)
    except ImportError as e:
        finish({'error': f'Brian2 is not installed ({e}); apt-get install python3-brian'}, None)
        return
    out = {'brian2': b2.__version__, 'target': a.target, 'seed': a.seed, 'duration': a.duration}
    try:
        out[name] = workload(b2, a.seed, a.target, a.duration)
    except Exception as e:
        out[name] = {'error': f'{type(e).__name__}: {e}'}
    finish(out, workdir)


def parse_args(description):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument('--seed', type=int, default=1, help='seed of Brian2 (connectivity, initial values, Poisson input)')
    ap.add_argument('--target', choices=['cython', 'numpy', 'cpp_standalone'], default='cython')
    ap.add_argument('--duration', type=float, default=1.0, help='simulated time, s')
    return ap.parse_args()


def setup(target):
    """Imports Brian2 for the target; cpp_standalone builds in a temporary directory (removed by finish())."""
    import brian2 as b2
    b2.BrianLogger.log_level_error()
    workdir = None
    if target == 'cpp_standalone':
        workdir = tempfile.mkdtemp(prefix='brian2_standalone_')
        b2.set_device('cpp_standalone', directory=workdir, build_on_run=True)
    else:
        b2.prefs.codegen.target = target
    return b2, workdir


def timed_run(b2, net, target, duration, namespace):
    """Runs `duration` seconds of `net`. Returns (loop seconds, compile seconds, CPU seconds): for Cython, a first 1 ms
    run on a stored copy of the state compiles the code, the state is restored and the timed run starts from t = 0 (CPU
    time of that loop, time.process_time); the C++ standalone device reports its own loop time (compilation excluded)
    and the CPU time is its binary's (setup and loop; the compiler has finished by then). `namespace` holds the
    models' constants. CPU time is the fair comparison on a loaded machine."""
    if target == 'cpp_standalone':
        import resource
        device = b2.get_device()
        run_binary, cpu = device.run, {}

        def timed_binary(*args, **kwargs):
            r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
            run_binary(*args, **kwargs)
            r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu['seconds'] = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
        device.run = timed_binary
        t0 = time.perf_counter()
        net.run(duration * b2.second, namespace=namespace)
        total = time.perf_counter() - t0
        loop = b2.device._last_run_time
        return loop, total - loop, cpu.get('seconds')
    net.store('start')
    t0 = time.perf_counter()
    net.run(1 * b2.ms, namespace=namespace)
    compile_s = time.perf_counter() - t0
    net.restore('start')
    t0, c0 = time.perf_counter(), time.process_time()
    net.run(duration * b2.second, namespace=namespace)
    return time.perf_counter() - t0, compile_s, time.process_time() - c0


def spike_stats(i, t, n, duration):
    """Spikes, mean rate (Hz) over all n neurons, and the mean over neurons with >= 3 spikes of the CV of their
    inter-spike intervals (standard deviation with ddof = 0, over the mean)."""
    import numpy as np
    i = np.asarray(i)
    t = np.asarray(t, dtype=float)
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    starts = np.searchsorted(i, np.arange(n))
    ends = np.searchsorted(i, np.arange(n), side='right')
    for a, b in zip(starts, ends):
        if b - a >= 3:
            isi = np.diff(t[a:b])
            cvs.append(isi.std() / isi.mean())
    return {'spikes': int(len(t)), 'mean_rate_hz': len(t) / n / duration,
            'mean_cv': float(np.mean(cvs)) if cvs else None, 'neurons_with_cv': len(cvs)}


def finish(out, workdir):
    if workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(out))
    sys.stdout.flush()
