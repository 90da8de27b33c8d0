/**
 * Benchmark: lenient parse of a 300-line diff, the work the editor does on every keystroke.
 * Run with `npm run bench:parse`; results go to docs/benchmarks.md by hand.
 */
import { parsePatch } from '../src/core/diff/index.ts';

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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const text = buildDiff(4, 6);
const lineCount = text.split('\n').length - 1;
parsePatch(text);

for (let run = 0; run < 200; run++) parsePatch(text, { lenient: true });

const times: number[] = [];
for (let run = 0; run < 2000; run++) {
  const started = performance.now();
  parsePatch(text, { lenient: true });
  times.push(performance.now() - started);
}
times.sort((a, b) => a - b);

console.log(
  `lenient parse, ${lineCount}-line diff, 2000 runs: ` +
    `p50 ${(percentile(times, 0.5) * 1000).toFixed(0)} µs, ` +
    `p95 ${(percentile(times, 0.95) * 1000).toFixed(0)} µs`,
);
