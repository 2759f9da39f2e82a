import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { assembleWat } from '../../sims/tools/assemble.js';

const src = join(import.meta.dirname, '..', '..', 'src');
function wats(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? wats(p) : p.endsWith('.wat') ? [p] : [];
  });
}

describe('WebAssembly kernels', () => {
  it('each committed .wasm.ts is the assembly of its .wat (run `npm run build:wasm` after editing a .wat)', async () => {
    const files = wats(src);
    expect(files.length).toBeGreaterThan(0);
    for (const wat of files) {
      const bytes = await assembleWat(readFileSync(wat, 'utf8'), wat);
      const ts = readFileSync(wat.replace(/\.wat$/, '.wasm.ts'), 'utf8');
      const b64 = /WASM_BASE64 = '([^']+)'/.exec(ts)?.[1];
      expect(b64, wat).toBe(Buffer.from(bytes).toString('base64'));
    }
  });
});
