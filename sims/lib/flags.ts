/** Flag values of the terminal sims: parsing and checking one flag against its FlagSpec, and its line in --help. */
import type { FlagSpec } from './sim.js';

/** A bad command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A number as a person reads it: up to 6 significant digits (0.015873015873015872 → 0.015873; 0.00001 → 1e-5). */
export function formatNumber(v: number): string {
  const r = Number(v.toPrecision(6));
  return r !== 0 && Math.abs(r) < 1e-3 ? r.toExponential() : String(r);
}

/** The bounds of a numeric flag in words, e.g. '> 0 and ≤ 3600', or '' when it has none. */
export function describeBounds(f: FlagSpec): string {
  if (f.min !== undefined && f.max !== undefined && f.exclusiveMin === undefined) return `${formatNumber(f.min)} to ${formatNumber(f.max)}`;
  const parts: string[] = [];
  if (f.exclusiveMin !== undefined) parts.push(`> ${formatNumber(f.exclusiveMin)}`);
  if (f.min !== undefined) parts.push(`≥ ${formatNumber(f.min)}`);
  if (f.max !== undefined) parts.push(`≤ ${formatNumber(f.max)}`);
  return parts.join(' and ');
}

function checkBounds(flag: string, f: FlagSpec, v: number, what: string, shown: string): void {
  const fail = (allowed: string) => {
    throw new UsageError(`--${flag}: ${what ? what + ' ' : ''}must be ${allowed} (got ${shown})`);
  };
  if (f.type === 'integer' && !Number.isInteger(v)) fail('an integer');
  if (f.exclusiveMin !== undefined && !(v > f.exclusiveMin)) fail(`> ${formatNumber(f.exclusiveMin)}`);
  if (f.min !== undefined && v < f.min) fail(`≥ ${formatNumber(f.min)}`);
  if (f.max !== undefined && v > f.max) fail(`≤ ${formatNumber(f.max)}`);
}

/** Parses one flag's text and checks it against its spec (type, choices, bounds); throws a UsageError naming the flag. */
export function parseFlag(flag: string, f: FlagSpec, raw: string | boolean): unknown {
  if (f.type === 'boolean') return raw;
  const s = String(raw);
  switch (f.type) {
    case 'number':
    case 'integer': {
      const v = s.trim() === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) throw new UsageError(`--${flag}: must be a finite number (got '${s}')`);
      if (f.type === 'integer' && !Number.isInteger(v)) throw new UsageError(`--${flag}: must be an integer (got '${s}')`);
      checkBounds(flag, f, v, '', `'${s}'`);
      return v;
    }
    case 'numbers': {
      const parts = s.split(',').map((p) => p.trim());
      const vs = parts.map(Number);
      if (parts.some((p) => p === '') || vs.some((v) => !Number.isFinite(v))) {
        throw new UsageError(`--${flag}: must be a comma-separated list of finite numbers (got '${s}')`);
      }
      vs.forEach((v, i) => checkBounds(flag, f, v, 'every value', `'${parts[i]}'`));
      return vs;
    }
    case 'string':
      if (f.choices && !f.choices.includes(s)) throw new UsageError(`--${flag}: must be one of ${f.choices.join(', ')} (got '${s}')`);
      if (f.file && s === '') throw new UsageError(`--${flag}: needs a file name${f.file === 'write' ? " ('-' for stdout)" : ''}`);
      return s;
  }
}

/** The flag's line in --help: name, kind, description, units once, default and bounds. */
export function flagLine(name: string, f: FlagSpec): string {
  const kind = f.type === 'boolean' ? '' : f.choices ? ` <${f.choices.join('|')}>` : f.type === 'numbers' ? ' <a,b,...>' : f.file ? ' <file>' : ` <${f.type}>`;
  const notes: string[] = [];
  if (f.default !== undefined && f.default !== false) {
    const d = f.default;
    notes.push(`default ${Array.isArray(d) ? d.map(formatNumber).join(',') : typeof d === 'number' ? formatNumber(d) : d}`);
  }
  const bounds = describeBounds(f);
  if (bounds) notes.push(bounds);
  const units = f.units ? ` [${f.units}]` : '';
  return `  --${name}${kind}`.padEnd(34) + ` ${f.description}${units}${notes.map((n) => `; ${n}`).join('')}`;
}
