/**
 * How the training panel writes and reads its inputs: the features' labels and the "neurons per hidden layer"
 * text. Pure (no DOM), tested in Node.
 * @module
 */
import type { PlaygroundFeature } from '../../src/experiments/playground.js';

/** How each feature is written on the page. */
export const FEATURE_LABELS: Record<PlaygroundFeature, string> = {
  x1: 'x₁', x2: 'x₂', x1sq: 'x₁²', x2sq: 'x₂²', x1x2: 'x₁x₂', sinx1: 'sin x₁', sinx2: 'sin x₂',
};

/** Parses the page's "8, 4" into [8, 4]; '' is no hidden layer. Returns a message instead when not allowed. */
export function parseLayers(text: string): number[] | string {
  const t = text.trim();
  if (t === '') return [];
  const parts = t.split(/[\s,;]+/).filter(Boolean);
  if (parts.length > 6) return `at most 6 hidden layers (got ${parts.length})`;
  const out: number[] = [];
  for (const p of parts) {
    const x = Number(p);
    if (!Number.isInteger(x) || x < 1 || x > 8) return `each layer needs a whole number of neurons from 1 to 8 (got ${JSON.stringify(p)})`;
    out.push(x);
  }
  return out;
}
