/**
 * The spiking view's digits: the shipped test digits (web/models/mnist-test-digits.json, written by
 * sims/tools/make-digits.ts) decoded into a matrix, and a digit drawn on the canvas prepared as MNIST's were.
 * Pure functions (no DOM), tested in Node.
 * @module
 */
import { ValidationError, describeValue } from '../../src/core/errors.js';
import { checkInteger } from '../../src/core/validate.js';
import type { Matrix } from '../../src/nn/matrix.js';

/** Shipped digits (web/models/mnist-test-digits.json): bytes k per pixel, pixel = round(k / 255, 3). */
export interface DigitsJson {
  format: 'spikebridge-digits';
  version: 1;
  width: number;
  height: number;
  count: number;
  labels: number[];
  /** base64 of count × width × height bytes. */
  pixels: string;
}

function base64Bytes(s: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return new Uint8Array((globalThis as unknown as { Buffer: { from(s: string, e: string): Uint8Array } }).Buffer.from(s, 'base64'));
}

/** Decodes the shipped digits into a matrix (pixels in [0, 1], one row per digit) and labels. */
export function decodeDigits(json: DigitsJson): { X: Matrix; labels: Int32Array } {
  if (!json || json.format !== 'spikebridge-digits') throw new ValidationError('digits.format', `must be 'spikebridge-digits' (got ${describeValue(json?.format)})`);
  const d = json.width * json.height;
  const bytes = base64Bytes(json.pixels);
  if (bytes.length !== json.count * d || json.labels.length !== json.count) throw new ValidationError('digits', `holds ${bytes.length} pixels and ${json.labels.length} labels for ${json.count} digits of ${d} pixels (truncated file?)`);
  const data = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = Math.round((bytes[i] / 255) * 1000) / 1000;
  return { X: { rows: json.count, cols: d, data }, labels: Int32Array.from(json.labels) };
}

/**
 * A drawing (grey levels in [0, 1], row-major `w`×`h`) made into an MNIST-like 28×28 digit: cropped to its ink,
 * scaled to fit 20×20 keeping its aspect ratio (box-filtered), and placed so its centre of mass is at the centre
 * of the 28×28 field — how MNIST's digits were prepared. Returns 784 zeros for an empty drawing.
 */
export function drawingToDigit(gray: ArrayLike<number>, w: number, h: number): Float64Array {
  checkInteger('drawing.width', w, 1);
  checkInteger('drawing.height', h, 1);
  if (gray.length !== w * h) throw new ValidationError('drawing', `must hold width × height = ${w * h} values (got ${gray.length})`);
  const out = new Float64Array(784);
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (gray[y * w + x] > 0.05) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = 20 / Math.max(bw, bh);
  const sw = Math.max(1, Math.round(bw * scale)), sh = Math.max(1, Math.round(bh * scale));
  // Box filter: each small pixel averages the source pixels that fall in it.
  const small = new Float64Array(sw * sh), count = new Float64Array(sw * sh);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    const sx = Math.min(sw - 1, Math.floor(((x - x0) * sw) / bw)), sy = Math.min(sh - 1, Math.floor(((y - y0) * sh) / bh));
    small[sy * sw + sx] += gray[y * w + x];
    count[sy * sw + sx]++;
  }
  let m = 0, cx = 0, cy = 0;
  for (let i = 0; i < small.length; i++) {
    small[i] = count[i] ? Math.min(1, small[i] / count[i]) : 0;
    m += small[i];
    cx += small[i] * (i % sw);
    cy += small[i] * Math.floor(i / sw);
  }
  cx = m ? cx / m : sw / 2;
  cy = m ? cy / m : sh / 2;
  const ox = Math.round(14 - cx - 0.5), oy = Math.round(14 - cy - 0.5);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) {
    const tx = x + ox, ty = y + oy;
    if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = small[y * sw + x];
  }
  return out;
}
