/**
 * The queue of synaptic events that land inside the current step on a population with precise timing: pushed in
 * any order while spikes are delivered, then sorted by neuron (a counting sort) and by time within each neuron (an
 * insertion sort: a neuron receives few events per step) into the {@link SynapticEvents} its neuron type reads.
 * @module
 */
import type { SynapticEvents } from '../neurons/types.js';

export class EventQueue {
  /** The sorted events the neuron step reads. */
  readonly events: SynapticEvents;
  private n = 0;
  private neuron = new Int32Array(256);
  private off = new Float64Array(256);
  private rec = new Int32Array(256);
  private jmp = new Float64Array(256);

  constructor(readonly size: number) {
    this.events = { count: 0, first: new Int32Array(size + 1), offset: new Float64Array(256), receptor: new Int32Array(256), jump: new Float64Array(256) };
  }

  /** Events waiting to be sorted. */
  get pending(): number {
    return this.n;
  }

  /** An event: neuron j, `offset` s after the step's start, onto fused receptor `receptor`, stage-0 increment `jump`. */
  push(j: number, offset: number, receptor: number, jump: number): void {
    if (this.n === this.neuron.length) this.grow(2 * this.n);
    const k = this.n++;
    this.neuron[k] = j;
    this.off[k] = offset;
    this.rec[k] = receptor;
    this.jmp[k] = jump;
  }

  /** Sorts what was pushed into {@link events} (by neuron, then time) and empties the staging area. */
  finalize(): void {
    const n = this.n, e = this.events, first = e.first, N = this.size;
    e.count = n;
    if (n === 0) return;
    if (e.offset.length < n) {
      e.offset = new Float64Array(this.neuron.length);
      e.receptor = new Int32Array(this.neuron.length);
      e.jump = new Float64Array(this.neuron.length);
    }
    first.fill(0);
    for (let k = 0; k < n; k++) first[this.neuron[k] + 1]++;
    for (let j = 0; j < N; j++) first[j + 1] += first[j];
    // Place by neuron (stable), using first[j] as the fill cursor and restoring it after.
    for (let k = 0; k < n; k++) {
      const j = this.neuron[k];
      const at = first[j]++;
      e.offset[at] = this.off[k];
      e.receptor[at] = this.rec[k];
      e.jump[at] = this.jmp[k];
    }
    for (let j = N; j > 0; j--) first[j] = first[j - 1];
    first[0] = 0;
    // Time order within each neuron.
    const O = e.offset, R = e.receptor, W = e.jump;
    for (let j = 0; j < N; j++) {
      const a = first[j], b = first[j + 1];
      for (let k = a + 1; k < b; k++) {
        const o = O[k], r = R[k], w = W[k];
        let q = k - 1;
        while (q >= a && O[q] > o) {
          O[q + 1] = O[q];
          R[q + 1] = R[q];
          W[q + 1] = W[q];
          q--;
        }
        O[q + 1] = o;
        R[q + 1] = r;
        W[q + 1] = w;
      }
    }
    this.n = 0;
  }

  /** Forgets the events of the step just taken (and anything pending). */
  clear(): void {
    this.n = 0;
    this.events.count = 0;
  }

  private grow(cap: number): void {
    const a = new Int32Array(cap), b = new Float64Array(cap), c = new Int32Array(cap), d = new Float64Array(cap);
    a.set(this.neuron);
    b.set(this.off);
    c.set(this.rec);
    d.set(this.jmp);
    [this.neuron, this.off, this.rec, this.jmp] = [a, b, c, d];
  }
}
