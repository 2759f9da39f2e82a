import { describe, expect, it } from 'vitest';
import { LIF, PhysicalLIF, commonPath, stepFactor } from '../../src/neurons/lif.js';
import { lifRate, lifRateDerivative, lifRateInverse, lifRateWithReset, softLifRate, softLifRateDerivative } from '../../src/neurons/rates.js';
import { createSpikeBuffer } from '../../src/neurons/types.js';
import { allocLifBlock } from '../../src/neurons/wasm/lifWasm.js';
import { rateFromSpikes } from '../../src/core/arrays.js';
import { mulberry32 } from '../../src/core/rng.js';
import { expectClose, expectRel } from '../helpers/expect.js';

describe('G(v), the LIF rate curve (notes §2.1)', () => {
  it('matches the closed form at hand-checkable points', () => {
    // G(1.5) = 1/(0.002 + 0.02 ln 3)
    expectClose(lifRate(1.5), 1 / (0.002 + 0.02 * Math.log(3)), 1e-12, 'G(1.5)');
    expectClose(lifRate(2), 1 / (0.002 + 0.02 * Math.log(2)), 1e-12, 'G(2)');
    expect(lifRate(1)).toBe(0);
    expect(lifRate(0.3)).toBe(0);
    expect(lifRate(-4)).toBe(0);
    // large v: the ISI → τ_ref + τ_m/v, so G → 1/τ_ref
    expectRel(lifRate(1e6), 1 / (0.002 + 0.02 / 1e6), 1e-9, 'G(1e6)');
    expectClose(lifRate(3, { tauM: 0.01, tauRef: 0 }), 1 / (0.01 * Math.log(1.5)), 1e-9, 'G(3) with τ_ref = 0');
  });

  it('dG/dv matches centred differences', () => {
    for (const v of [1.01, 1.1, 1.5, 2, 5, 30]) {
      const h = 1e-6 * v;
      const fd = (lifRate(v + h) - lifRate(v - h)) / (2 * h);
      expectRel(lifRateDerivative(v), fd, 1e-6, `dG/dv at ${v}`);
    }
    expect(lifRateDerivative(0.9)).toBe(0);
  });

  it('G⁻¹ inverts G', () => {
    for (const r of [5, 20, 100, 300, 499]) expectRel(lifRate(lifRateInverse(r)), r, 1e-12, `G(G⁻¹(${r}))`);
    expect(() => lifRateInverse(500)).toThrow(/rate: must be in/);
  });

  it('soft LIF tends to G away from the threshold and is smooth across it', () => {
    for (const v of [1.5, 2, 4]) expectRel(softLifRate(v, { gamma: 0.001 }), lifRate(v), 1e-3, `soft(${v})`);
    expect(softLifRate(1, { gamma: 0.05 })).toBeGreaterThan(0);
    for (const v of [0.8, 1, 1.02, 1.5, 3]) {
      const h = 1e-6;
      const fd = (softLifRate(v + h) - softLifRate(v - h)) / (2 * h);
      expectRel(softLifRateDerivative(v), fd, 1e-5, `soft dG/dv at ${v}`);
    }
  });

  it('rejects bad parameters', () => {
    expect(() => lifRate(NaN)).toThrow(/lifRate\.vIn/);
    expect(() => lifRate(2, { tauM: -0.02 })).toThrow(/lifRate\.tauM: must be > 0/);
    expect(() => lifRate(2, { tauRef: -1 })).toThrow(/lifRate\.tauRef: must be >= 0/);
  });
});

/** Simulated rate from inter-spike intervals, population of `vIns` via LIF.step. */
function populationRates(method: 'exact' | 'euler' | 'rk4', vIns: number[], dt: number, duration: number, wasm: boolean) {
  const lif = new LIF({ method });
  const n = vIns.length;
  const st = wasm ? lif.initialState(n) : { v: new Float64Array(n), refractory: new Float64Array(n) };
  const input = wasm ? lif.inputFor(st) : new Float64Array(n);
  input.set(vIns);
  const buf = createSpikeBuffer(n);
  const spikes: number[][] = vIns.map(() => []);
  const steps = Math.round(duration / dt);
  for (let i = 0; i < steps; i++) {
    lif.step(dt, i * dt, input, st, buf);
    for (let k = 0; k < buf.count; k++) spikes[buf.index[k]].push(i * dt + buf.offset[k]);
  }
  return { rates: spikes.map(rateFromSpikes), spikes };
}

describe('LIF neuron', () => {
  const vIns = [1.05, 1.1, 1.2, 1.5, 2, 3, 4, 5, 7, 10];

  it('exact method: simulated rate within 0.1 % of G at dt = 0.1 ms and within 1 % at dt = 1 ms', () => {
    for (const [dt, tol] of [[1e-4, 1e-3], [1e-3, 1e-2]] as const) {
      for (const wasm of [true, false]) {
        const { rates } = populationRates('exact', [...vIns, ...vIns], dt, 2, wasm);
        rates.forEach((r, i) => expectRel(r, lifRate(vIns[i % vIns.length]), tol, `v_in ${vIns[i % vIns.length]}, dt ${dt}, ${wasm ? 'SIMD' : 'TS'}`));
      }
    }
    // one neuron through simulate() too
    for (const v of vIns) expectRel(rateFromSpikes(new LIF().simulate({ input: v, duration: 2, dt: 1e-3 }).spikes), lifRate(v), 1e-2, `simulate v_in ${v}`);
  });

  it('the SIMD kernel and the TypeScript common path give identical states and spikes', () => {
    const n = 1001; // odd: exercises the padding lane
    const rnd = mulberry32(5);
    const vin = Array.from({ length: n }, () => 4 * rnd() - 0.5);
    for (const method of ['exact', 'euler', 'rk4'] as const) {
      const a = populationRates(method, vin, 1e-4, 0.3, true);
      const b = populationRates(method, vin, 1e-4, 0.3, false);
      expect(a.spikes).toEqual(b.spikes);
    }
    const block = allocLifBlock(5)!;
    expect(block).not.toBeNull();
    block.v.set([0.5, 0.99, 0.2, 0.3, 0]);
    block.refractory.set([0, 0, 1e-4, 5e-5, 0]);
    block.input.set([2, 2, 2, 2, -1]);
    const v2 = Float64Array.from(block.v), r2 = Float64Array.from(block.refractory), fix2 = new Int32Array(6);
    const f = stepFactor('exact', -1e-4 / 0.02);
    const nfix = block.run(f, 1e-4, -Infinity);
    const nfix2 = commonPath(v2, r2, Float64Array.from(block.input), fix2, f, 1e-4, -Infinity);
    expect(nfix).toBe(nfix2);
    expect(Array.from(block.fix.slice(0, nfix))).toEqual(Array.from(fix2.slice(0, nfix2)));
    expect(Array.from(block.v)).toEqual(Array.from(v2));
    expect(Array.from(block.refractory)).toEqual(Array.from(r2));
  });

  it('Euler and RK4 converge to G as dt shrinks (Euler at first order)', () => {
    const v = 2, g = lifRate(v);
    const errs = [2e-4, 1e-4, 5e-5].map((dt) => Math.abs(populationRates('euler', [v], dt, 1, false).rates[0] - g));
    expect(errs[0] / errs[1]).toBeGreaterThan(1.7);
    expect(errs[1] / errs[2]).toBeGreaterThan(1.7);
    const rk4 = populationRates('rk4', [v], 1e-4, 1, false).rates[0];
    expectRel(rk4, g, 1e-6, 'RK4 rate at dt = 0.1 ms');
  });

  it('follows v(t) = v_in(1 − e^{−t/τ_m}) below threshold, and respects the refractory period', () => {
    const tr = new LIF().simulate({ input: 0.8, duration: 0.1, dt: 1e-4 });
    for (let i = 0; i < tr.t.length; i += 50) expectClose(tr.v[i], 0.8 * -Math.expm1(-tr.t[i] / 0.02), 1e-12, `v at ${tr.t[i]}`);
    expect(tr.spikes.length).toBe(0);
    const tauRef = 0.005;
    const fire = new LIF({ tauRef }).simulate({ input: 3, duration: 0.2, dt: 1e-4 });
    expect(fire.spikes.length).toBeGreaterThan(5);
    for (const s of fire.spikes) {
      // v stays at the reset throughout the refractory period after each spike…
      for (let i = 0; i < fire.t.length; i++) if (fire.t[i] > s + 1e-4 && fire.t[i] < s + tauRef - 1e-9) expect(fire.v[i]).toBe(0);
    }
    // …and the inter-spike interval is τ_ref + τ_m ln(v/(v − 1)) exactly
    for (let k = 1; k < fire.spikes.length; k++) expectClose(fire.spikes[k] - fire.spikes[k - 1], tauRef + 0.02 * Math.log(1.5), 1e-12, `ISI ${k}`);
  });

  it('accepts time-varying input as a function or a formula', () => {
    const a = new LIF().simulate({ input: '1.5 + 0.5*sin(2*pi*5*t)', duration: 0.5, dt: 1e-4 });
    const b = new LIF().simulate({ input: (t: number) => 1.5 + 0.5 * Math.sin(2 * Math.PI * 5 * t), duration: 0.5, dt: 1e-4 });
    expect(Array.from(a.spikes)).toEqual(Array.from(b.spikes));
    expect(a.spikes.length).toBeGreaterThan(10);
  });

  it('physical units map onto the normalized model exactly', () => {
    const p = new PhysicalLIF({ C: 1, gL: 0.05, VL: -70, Vth: -50, Vreset: -65, tauRef: 0.002 });
    expectClose(p.tauM, 0.02, 1e-15, 'τ_m = C/g_L');
    expectClose(p.rheobase, 1, 1e-12, 'rheobase g_L (V_th − V_L)');
    const I = 2.5;
    const tr = p.simulate({ current: I, duration: 0.5, dt: 1e-4 });
    // v_in = I/(g_L (V_th − V_L)) = 2.5, reset v_r = 0.25: ISI = τ_ref + τ_m ln((v_in − v_r)/(v_in − 1))
    const isi = 0.002 + 0.02 * Math.log((2.5 - 0.25) / 1.5);
    expectRel(rateFromSpikes(tr.spikes), 1 / isi, 1e-9, 'physical rate');
    expectRel(p.rate(I), lifRateWithReset(2.5, 0.02, 0.002, 0.25), 1e-12, 'rate()');
    expect(Math.max(...tr.V)).toBeLessThanOrEqual(-50);
    expect(tr.V[0]).toBe(-70);
    expect(() => new PhysicalLIF({ C: -1 })).toThrow(/PhysicalLIF\.C: must be > 0/);
    expect(() => new PhysicalLIF({ Vth: -80 })).toThrow(/PhysicalLIF\.Vth: must be > VL/);
  });

  it('rejects bad input', () => {
    const lif = new LIF();
    const ok = { input: 1.5, duration: 0.1, dt: 1e-4 };
    const cases: [() => unknown, RegExp][] = [
      [() => new LIF({ tauM: 0 }), /LIF\.tauM: must be > 0/],
      [() => new LIF({ tauM: -0.02 }), /LIF\.tauM: must be > 0/],
      [() => new LIF({ tauRef: -0.001 }), /LIF\.tauRef: must be >= 0/],
      [() => new LIF({ method: 'rk2' as 'rk4' }), /LIF\.method: must be one of 'exact', 'euler', 'rk4'/],
      [() => new LIF({ tau_m: 1 } as never), /LIF\.tau_m: unknown option/],
      [() => lif.simulate({ ...ok, dt: 0 }), /dt: must be > 0/],
      [() => lif.simulate({ ...ok, dt: 1 }), /dt: must be <= duration/],
      [() => lif.simulate({ ...ok, input: NaN }), /input: must be a finite number/],
      [() => lif.simulate({ ...ok, input: Infinity }), /input: must be a finite number/],
      [() => lif.simulate({ ...ok, input: 'sin(' }), /input: cannot parse formula/],
      [() => lif.simulate({ ...ok, input: 'x = 3' }), /input: formula .* is not allowed/],
      [() => lif.simulate({ ...ok, input: () => NaN }), /input/],
    ];
    for (const [f, re] of cases) expect(f).toThrow(re);
  });
});
