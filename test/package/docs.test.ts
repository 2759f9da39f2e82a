/**
 * `npm run docs` (TypeDoc, its options under typedocOptions in tsconfig.build.json) builds the API reference without a warning and documents every export of
 * the barrel, src/index.ts. The barrel's export names come from the TypeScript compiler, not from TypeDoc.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

const root = join(import.meta.dirname, '..', '..');

/** Every name src/index.ts exports (values and types), as the compiler resolves them. */
function barrelExports(): string[] {
  const index = join(root, 'src', 'index.ts');
  const program = ts.createProgram([index], {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    noEmit: true, skipLibCheck: true, types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  return checker.getExportsOfModule(module).map((s) => s.getName()).sort();
}

describe('npm run docs', () => {
  it('builds the API reference from the TSDoc without warnings, covering every export of src/index.ts', () => {
    const out = mkdtempSync(join(tmpdir(), 'sb-docs-'));
    const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin', 'typedoc');
    // The options of `npm run docs` (tsconfig.build.json's typedocOptions: warnings are errors), written elsewhere; `npm run typecheck`
    // already checks the types, so TypeDoc need not.
    const r = spawnSync(process.execPath, [typedoc, '--tsconfig', 'tsconfig.build.json', '--out', join(out, 'html'), '--json', join(out, 'api.json'), '--skipErrorChecking'], {
      cwd: root, encoding: 'utf8', timeout: 240_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(/\[warning\]|\[error\]/);
    const api = JSON.parse(readFileSync(join(out, 'api.json'), 'utf8')) as { children: { name: string }[] };
    const documented = new Set(api.children.map((c) => c.name));
    const exported = barrelExports();
    expect(exported.length).toBeGreaterThan(100);
    expect(exported.filter((n) => !documented.has(n))).toEqual([]);
    expect(existsSync(join(out, 'html', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'html', 'classes', 'LIF.html'))).toBe(true);
  }, 300_000);
});
