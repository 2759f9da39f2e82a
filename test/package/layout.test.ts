/**
 * The source's layout rules (src/README.md): a floor imports only itself and lower floors
 * (core → ode → neurons → synapses → network → nn → bridge → export → experiments, the barrel on top); nothing under src/
 * reaches outside it (web/, sims/) or knows about the page (DOM, workers); and the library runs in the browser,
 * so node-only modules are loaded only by the MNIST loader, dynamically.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../../src');
const FLOORS = ['core', 'ode', 'neurons', 'synapses', 'network', 'nn', 'bridge', 'export', 'experiments'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const files = sources(src).map((path) => ({ path, rel: relative(src, path), text: readFileSync(path, 'utf8') }));
const floorOf = (rel: string) => (rel.includes('/') ? rel.split('/')[0] : 'index');
/** Every module specifier of a file: static imports and exports, and dynamic import(). */
const specifiers = (text: string) => [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('src/ layout', () => {
  it('every file sits in a known floor (or is the barrel)', () => {
    for (const f of files) expect([...FLOORS, 'index'], f.rel).toContain(floorOf(f.rel));
    expect(files.length).toBeGreaterThan(50);
  });

  it('a floor imports only itself and the floors below it; nothing reaches outside src/', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const spec of specifiers(f.text).filter((s) => s.startsWith('.'))) {
        const target = relative(src, resolve(dirname(f.path), spec));
        const from = floorOf(f.rel), to = floorOf(target);
        if (target.startsWith('..') || (from !== 'index' && FLOORS.indexOf(to) > FLOORS.indexOf(from))) bad.push(`${f.rel} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('knows nothing about the page: no DOM, no workers, no page limits', () => {
    const page = /\b(document|window|navigator|localStorage|self)\.|\b(HTMLElement|Worker|importScripts|requestAnimationFrame|postMessage)\b|the page allows/;
    for (const f of files) {
      const code = f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention the web app
      expect(code, f.rel).not.toMatch(page);
    }
  });

  it('imports node-only modules nowhere but in the MNIST loader, and there only dynamically', () => {
    const nodeOnly = /^(node:|fs$|path$|os$|child_process$|url$|worker_threads$)/;
    for (const f of files) {
      const staticNode = [...f.text.matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)].map((m) => m[1]).filter((s) => nodeOnly.test(s));
      expect(staticNode, f.rel).toEqual([]);
    }
    const dynamic = files.filter((f) => /\bimport\s*\(/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))).map((f) => f.rel);
    expect(dynamic).toEqual(['nn/data.ts']);
  });
});
