/**
 * The README's TypeScript examples run as written: every ```ts block is written to a module (imports of 'spikebridge'
 * pointed at src/index.ts) and imported, so an example that stops working fails here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const blocks = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);

describe("the README's examples", () => {
  it('has TypeScript examples', () => expect(blocks.length).toBeGreaterThanOrEqual(2));
  blocks.forEach((code, k) => {
    it(`example ${k + 1} runs (${code.split('\n')[0].slice(0, 60)}…)`, async () => {
      const dir = join(root, 'test-artifacts', 'readme');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example${k + 1}.ts`);
      const src = pathToFileURL(join(root, 'src', 'index.ts')).href;
      // Imports may sit anywhere in a README block; hoist them so the module is valid.
      const lines = code.replaceAll("'spikebridge'", JSON.stringify(src)).split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const body = lines.filter((l) => !l.startsWith('import '));
      const logged: unknown[][] = [];
      (globalThis as Record<string, unknown>).__readmeLog = (...a: unknown[]) => logged.push(a);
      writeFileSync(file, [...imports, 'const console = { log: (globalThis as any).__readmeLog };', ...body, 'export {};'].join('\n'));
      await import(pathToFileURL(file).href);
      expect(logged.length).toBeGreaterThan(0);
      for (const line of logged) for (const x of line) if (typeof x === 'number') expect(Number.isFinite(x)).toBe(true);
    }, 120_000);
  });
});
