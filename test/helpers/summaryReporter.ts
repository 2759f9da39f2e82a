/**
 * Prints the plain closing line CI reads, "N passed, N failed, N skipped", after vitest's own summary, preceded by
 * the slowest test files (where the suite's time goes).
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0, failed = 0, skipped = 0;
    const slowest = testModules.map((m) => [m.moduleId, m.diagnostic().duration] as const).sort((a, b) => b[1] - a[1]).slice(0, 8);
    process.stdout.write(`\nslowest test files: ${slowest.map(([id, ms]) => `${id.replace(/^.*?\/test\//, 'test/')} ${(ms / 1000).toFixed(1)} s`).join(', ')}\n`);
    for (const m of testModules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') passed++;
        else if (s === 'failed') failed++;
        else skipped++;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++; // a file that failed to load
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
