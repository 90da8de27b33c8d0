/**
 * Times Transformer scoring in Chromium on the wasm backend: a 100-line diff scored cold (a
 * new scorer, so no cached windows) and re-scored after one-line edits (SuperPerforator then
 * re-encodes only the edited hunk's windows). Prints medians in milliseconds.
 *
 * Usage: npx tsx bench/transformer-latency.ts [BUNDLE_DIR ...] (default: both shipped bundles).
 * The page is served from 127.0.0.1 only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

import { PROJECT_ROOT } from '../src/node/dataset.ts';
import { buildTfjsPage, servePage } from '../test/e2e/tfjsPage.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS_FILE = join(PROJECT_ROOT, '..', 'shared', 'chromium-flags.txt');
const COLD_RUNS = 10;

/** Returns a 100-line diff of three hunks in one file, written for this benchmark. */
export function hundredLineDiff(edit: number | null = null): string {
  const lines = [
    'diff --git a/src/store.js b/src/store.js',
    '--- a/src/store.js',
    '+++ b/src/store.js',
  ];
  const hunkSizes = [40, 30, 27];
  let start = 1;
  hunkSizes.forEach((size, hunk) => {
    lines.push(`@@ -${start},${size} +${start},${size} @@ function update${hunk}(state) {`);
    for (let i = 0; i < size; i++) {
      const body =
        i % 2 === 0 ? `  const item${i} = state.items[${i}];` : `  total += item${i - 1}.weight;`;
      if (i % 5 === 0) {
        lines.push(`-${body}`);
        const changed = edit === hunk * 1000 + i ? body.replace('item', 'entry') : body;
        lines.push(`+${changed.replace('state', 'store')}`);
      } else {
        lines.push(` ${body}`);
      }
    }
    start += size + 10;
  });
  return lines.join('\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const bundles = args.length > 0 ? args : ['models/superperforator', 'models/transformer'];
  const pageDir = mkdtempSync(join(tmpdir(), 'perflens-latency-'));
  const userDataDir = mkdtempSync(join(tmpdir(), 'perflens-chromium-'));

  await buildTfjsPage(join(PROJECT_ROOT, 'bench', 'transformer-latency', 'entry.ts'), pageDir);

  const flagsText = readFileSync(FLAGS_FILE, 'utf8');
  const flags = flagsText.split('\n').map((line) => line.trim()).filter(Boolean);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...flags, '--headless'],
  });

  try {
    for (const bundle of bundles) {
      const server = await servePage(pageDir, { '/bundle/': resolve(bundle) });
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => 'measure' in globalThis);
      const edits = [5, 1010, 2020, 15, 1025].map((edit) => hundredLineDiff(edit));
      const result = await page.evaluate(
        ([text, edited, runs]) =>
          (
            globalThis as unknown as {
              measure: (
                url: string,
                diff: string,
                editedTexts: string[],
                coldRuns: number,
              ) => Promise<{ backend: string; coldMs: number[]; editMs: number[] }>;
            }
          ).measure('/bundle', text as string, edited as string[], runs as number),
        [hundredLineDiff(), edits, COLD_RUNS] as const,
      );
      console.log(
        `${bundle}: backend ${result.backend}, 100-line diff cold median ` +
          `${median(result.coldMs).toFixed(1)} ms, after a one-line edit median ` +
          `${median(result.editMs).toFixed(1)} ms`,
      );
      await page.close();
      await new Promise((resolvePromise) => server.close(resolvePromise));
    }
  } finally {
    await context.close();
    rmSync(pageDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

// Run only as a script, so tests and other benchmarks can import hundredLineDiff.
if (process.argv[1]?.endsWith('transformer-latency.ts')) await main();
