/**
 * A scalar computational graph, small as micrograd: each {@link Value} remembers the values it was made from
 * and how to pass a gradient back to them; `backward()` runs the chain rule in reverse topological order
 * (seed 003: "backprop is just a fancy word for the chain rule"). Used to walk through seed 003's examples and,
 * in tests, as an independent check of the matrix backprop.
 * @module
 */

/** A number in a graph, with its gradient ∂out/∂this after `out.backward()`. */
export class Value {
  /** ∂(the value `backward` was called on)/∂(this). */
  grad = 0;
  private backwardFn: () => void = () => {};
  constructor(
    public data: number,
    /** The values this one was computed from. */
    readonly children: readonly Value[] = [],
    /** The operation that made it ('+', '*', 'exp', …), for printing. */
    readonly op = '',
    /** Optional name, for printing. */
    public label = '',
  ) {}

  private static of(x: Value | number): Value {
    return x instanceof Value ? x : new Value(x);
  }

  /** this + other: ∂/∂this = ∂/∂other = 1 (seed 003, q = x + y). */
  add(other: Value | number): Value {
    const o = Value.of(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out.backwardFn = () => { this.grad += out.grad; o.grad += out.grad; };
    return out;
  }

  /** this · other: ∂/∂this = other, ∂/∂other = this (seed 003, f = q z). */
  mul(other: Value | number): Value {
    const o = Value.of(other);
    const out = new Value(this.data * o.data, [this, o], '*');
    out.backwardFn = () => { this.grad += o.data * out.grad; o.grad += this.data * out.grad; };
    return out;
  }

  /** thisᵏ for a constant k. */
  pow(k: number): Value {
    const out = new Value(Math.pow(this.data, k), [this], `^${k}`);
    out.backwardFn = () => { this.grad += k * Math.pow(this.data, k - 1) * out.grad; };
    return out;
  }

  /** −this. */
  neg(): Value {
    return this.mul(-1);
  }

  /** this − other. */
  sub(other: Value | number): Value {
    return this.add(Value.of(other).neg());
  }

  /** this / other (as this · other⁻¹, so 1/x's derivative −1/x² comes from pow). */
  div(other: Value | number): Value {
    return this.mul(Value.of(other).pow(-1));
  }

  /** eˣ: d/dx = eˣ. */
  exp(): Value {
    const e = Math.exp(this.data);
    const out = new Value(e, [this], 'exp');
    out.backwardFn = () => { this.grad += e * out.grad; };
    return out;
  }

  /** ln x: d/dx = 1/x. */
  log(): Value {
    const out = new Value(Math.log(this.data), [this], 'log');
    out.backwardFn = () => { this.grad += out.grad / this.data; };
    return out;
  }

  /** tanh: d/dx = 1 − tanh². */
  tanh(): Value {
    const t = Math.tanh(this.data);
    const out = new Value(t, [this], 'tanh');
    out.backwardFn = () => { this.grad += (1 - t * t) * out.grad; };
    return out;
  }

  /** σ(x) = 1/(1 + e⁻ˣ) as one gate: dσ/dx = σ(1 − σ) (seed 003). */
  sigmoid(): Value {
    const s = 1 / (1 + Math.exp(-this.data));
    const out = new Value(s, [this], 'sigmoid');
    out.backwardFn = () => { this.grad += s * (1 - s) * out.grad; };
    return out;
  }

  /** max(0, x). */
  relu(): Value {
    const out = new Value(this.data > 0 ? this.data : 0, [this], 'relu');
    out.backwardFn = () => { this.grad += (this.data > 0 ? 1 : 0) * out.grad; };
    return out;
  }

  /** Every value this one depends on, inputs first (a topological order). */
  topo(): Value[] {
    const order: Value[] = [];
    const seen = new Set<Value>();
    const visit = (v: Value) => {
      if (seen.has(v)) return;
      seen.add(v);
      for (const c of v.children) visit(c);
      order.push(v);
    };
    visit(this);
    return order;
  }

  /** Sets this.grad = 1 and every ancestor's grad to ∂this/∂ancestor (gradients are zeroed first). */
  backward(): void {
    const order = this.topo();
    for (const v of order) v.grad = 0;
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardFn();
  }

  toString(): string {
    return `Value(${this.label ? this.label + ' = ' : ''}${this.data}, grad ${this.grad})`;
  }
}

/** Sum of values (a graph node per addition). */
export function sum(vs: Value[]): Value {
  return vs.reduce((a, b) => a.add(b), new Value(0));
}
