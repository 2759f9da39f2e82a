/**
 * User-typed formulas such as `10 + 5*sin(2*pi*20*t)`: parsed once by mathjs, checked node by node
 * against a whitelist (arithmetic, the variable, constants and math functions only), and compiled into
 * plain closures. Nothing typed by a user ever reaches `eval`, mathjs's `evaluate`, `import` or
 * assignment, so a formula cannot do anything beyond arithmetic in its variable.
 * @module
 */
import { create, parseDependencies } from 'mathjs';
import { ValidationError, describeValue } from './errors.js';

const math = create({ parseDependencies });

type Fn = (t: number) => number;

const UNARY: Record<string, (x: number) => number> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh, exp: Math.exp, log: Math.log, ln: Math.log,
  log10: Math.log10, log2: Math.log2, sqrt: Math.sqrt, abs: Math.abs, sign: Math.sign,
  floor: Math.floor, ceil: Math.ceil, round: Math.round, cbrt: Math.cbrt, expm1: Math.expm1, log1p: Math.log1p,
  // Unit step H(x): 1 for x ≥ 0, else 0, so a current step is `10*heaviside(t - 0.05)`.
  heaviside: (x) => (x >= 0 ? 1 : 0), step: (x) => (x >= 0 ? 1 : 0),
};
const BINARY: Record<string, (a: number, b: number) => number> = {
  atan2: Math.atan2, pow: Math.pow, mod: (a, b) => a - b * Math.floor(a / b),
};
// min/max fold their arguments pairwise (a formula's argument list is short, but nothing is spread into a call).
const VARIADIC: Record<string, (a: number, b: number) => number> = { min: Math.min, max: Math.max };
const CONSTANTS: Record<string, number> = { pi: Math.PI, PI: Math.PI, e: Math.E, E: Math.E, tau: 2 * Math.PI };

/** The function names a formula may call. */
export const FORMULA_FUNCTIONS: readonly string[] = [
  ...Object.keys(UNARY), ...Object.keys(BINARY), ...Object.keys(VARIADIC),
];

/**
 * Compiles a formula in one variable (default `t`) to a function.
 * @param name parameter name used in error messages, e.g. `HodgkinHuxley.current`
 * @throws ValidationError for malformed text or anything beyond arithmetic in the variable
 */
export function compileFormula(text: string, name = 'formula', variable = 't'): Fn {
  if (typeof text !== 'string') throw new ValidationError(name, `must be a formula string (got ${describeValue(text)})`);
  if (text.trim() === '') throw new ValidationError(name, 'is empty: type a number or a formula in ' + variable);
  if (text.length > 1000) throw new ValidationError(name, `formula is too long (${text.length} characters, at most 1000)`);
  let node: any;
  try {
    node = math.parse(text);
  } catch (e) {
    throw new ValidationError(name, `cannot parse formula ${JSON.stringify(text)}: ${(e as Error).message}`);
  }
  const fn = build(node, name, variable, text);
  return fn;
}

function bad(name: string, text: string, what: string): never {
  throw new ValidationError(
    name,
    `formula ${JSON.stringify(text)} is not allowed: ${what}; only numbers, the variable, + - * / ^ %, ` +
      `parentheses, pi, e and the functions ${FORMULA_FUNCTIONS.join(', ')} may be used`,
  );
}

function build(node: any, name: string, v: string, text: string): Fn {
  switch (node.type) {
    case 'ConstantNode': {
      const c = node.value;
      if (typeof c !== 'number' || !Number.isFinite(c)) bad(name, text, `the constant ${describeValue(c)}`);
      return () => c;
    }
    case 'ParenthesisNode':
      return build(node.content, name, v, text);
    case 'SymbolNode': {
      const s: string = node.name;
      if (s === v) return (t) => t;
      if (Object.prototype.hasOwnProperty.call(CONSTANTS, s)) {
        const c = CONSTANTS[s];
        return () => c;
      }
      return bad(name, text, `unknown symbol '${s}' (the variable is '${v}')`);
    }
    case 'OperatorNode': {
      const args: Fn[] = node.args.map((a: any) => build(a, name, v, text));
      const op: string = node.fn;
      if (args.length === 1) {
        const [a] = args;
        if (op === 'unaryMinus') return (t) => -a(t);
        if (op === 'unaryPlus') return a;
        return bad(name, text, `the operator '${node.op}'`);
      }
      if (args.length === 2) {
        const [a, b] = args;
        switch (op) {
          case 'add': return (t) => a(t) + b(t);
          case 'subtract': return (t) => a(t) - b(t);
          case 'multiply': return (t) => a(t) * b(t);
          case 'divide': return (t) => a(t) / b(t);
          case 'pow': return (t) => Math.pow(a(t), b(t));
          case 'mod': return (t) => { const x = a(t), y = b(t); return x - y * Math.floor(x / y); };
          case 'smaller': return (t) => (a(t) < b(t) ? 1 : 0);
          case 'larger': return (t) => (a(t) > b(t) ? 1 : 0);
          case 'smallerEq': return (t) => (a(t) <= b(t) ? 1 : 0);
          case 'largerEq': return (t) => (a(t) >= b(t) ? 1 : 0);
        }
      }
      return bad(name, text, `the operator '${node.op}'`);
    }
    case 'ConditionalNode': {
      const c = build(node.condition, name, v, text);
      const a = build(node.trueExpr, name, v, text);
      const b = build(node.falseExpr, name, v, text);
      return (t) => (c(t) ? a(t) : b(t));
    }
    case 'FunctionNode': {
      const fname = node.fn && node.fn.type === 'SymbolNode' ? (node.fn.name as string) : '';
      if (!fname) return bad(name, text, 'calling something that is not a plain function name');
      const known = [UNARY, BINARY, VARIADIC].some((m) => Object.prototype.hasOwnProperty.call(m, fname));
      if (!known) return bad(name, text, `the function '${fname}'`);
      const args: Fn[] = node.args.map((a: any) => build(a, name, v, text));
      if (Object.prototype.hasOwnProperty.call(UNARY, fname)) {
        if (args.length !== 1) bad(name, text, `${fname}() takes 1 argument (got ${args.length})`);
        const f = UNARY[fname];
        const [a] = args;
        return (t) => f(a(t));
      }
      if (Object.prototype.hasOwnProperty.call(BINARY, fname)) {
        if (args.length !== 2) bad(name, text, `${fname}() takes 2 arguments (got ${args.length})`);
        const f = BINARY[fname];
        const [a, b] = args;
        return (t) => f(a(t), b(t));
      }
      if (Object.prototype.hasOwnProperty.call(VARIADIC, fname)) {
        if (args.length < 1) bad(name, text, `${fname}() needs at least 1 argument`);
        const f = VARIADIC[fname];
        return (t) => {
          let acc = args[0](t);
          for (let k = 1; k < args.length; k++) acc = f(acc, args[k](t));
          return acc;
        };
      }
      return bad(name, text, `the function '${fname}'`);
    }
    default:
      return bad(name, text, `${String(node.type).replace(/Node$/, '').toLowerCase()} expressions`);
  }
}

/** An input given as a constant, a function of time (s), or a formula string in `t` (s). */
export type Signal = number | ((t: number) => number) | string;

/** A resolved signal: a function of t, plus the constant value when it does not depend on time. */
export interface ResolvedSignal {
  readonly fn: (t: number) => number;
  /** The value when the signal is a constant number; NaN otherwise. */
  readonly constant: number;
}

/**
 * The error for a signal whose value at time t is not a finite number: it blames the input, at the time it went
 * bad (a function returning a string is told it must return a number, not that the string is not finite).
 */
export function badSignalValue(name: string, t: number, v: unknown): ValidationError {
  const at = `at t = ${Number(t.toPrecision(6))} s`;
  if (typeof v !== 'number') {
    return new ValidationError(name, `must give a number at every time (got ${typeof v === 'string' ? 'the string ' : ''}${describeValue(v)} ${at})`);
  }
  return new ValidationError(name, `must stay finite (got ${v} ${at})`);
}

/** Turns a {@link Signal} into a function of t, validating it at the boundary. */
export function resolveSignal(name: string, s: unknown): ResolvedSignal {
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) throw new ValidationError(name, `must be a finite number (got ${s})`);
    return { fn: () => s, constant: s };
  }
  if (typeof s === 'function') {
    const f = s as (t: number) => number;
    return { fn: (t) => f(t), constant: NaN };
  }
  if (typeof s === 'string') {
    const trimmed = s.trim();
    // A plain number typed as text is a constant.
    if (trimmed !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) {
      const c = Number(trimmed);
      if (!Number.isFinite(c)) throw new ValidationError(name, `must be a finite number (got ${JSON.stringify(s)}, which is ${c} in double precision)`);
      return { fn: () => c, constant: c };
    }
    return { fn: compileFormula(s, name), constant: NaN };
  }
  throw new ValidationError(name, `must be a number, a function of t or a formula string (got ${describeValue(s)})`);
}
