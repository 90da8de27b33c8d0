/**
 * Chromium benchmark of every installed model's scoring latency for a 100-line diff
 * (bench/fixtures/effect-scheduler.diff), on the tfjs wasm and webgl backends of the inference
 * worker. It uses the real browser-mode server, the built renderer and the shipped bundles,
 * driven headless by playwright-core. Explanation jobs are switched off so that only scoring
 * runs. Each sample is one character typed at the end of an added line, timed from keydown to
 * the frame that paints the new score. Every keystroke makes a text not scored before, so
 * models that cache window encodings (SuperPerforator) re-encode the edited window each time.
 * The worker's own featurize plus infer time is reported beside it. Prints Markdown for
 * docs/benchmarks.md.
 *
 * Usage: npm run bench:models -- [--edits N] [--backends wasm,webgl]   (defaults 30, wasm,webgl)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { PROJECT_ROOT } from '../src/node/dataset.ts';
import {
  buildRenderer,
  openWorkbench,
  pasteNewDiff,
  waitForScoreOf,
} from '../test/e2e/harness.ts';
import {
  activeModelLabel,
  describeMachine,
  goToLineEnd,
  installedModels,
  installEditProbe,
  ms,
  quantile,
  selectModel,
  setExplanations,
  timedKey,
  type EditSample,
} from './browserBench.ts';

const DIFF_100 = readFileSync(
  join(PROJECT_ROOT, 'bench', 'fixtures', 'effect-scheduler.diff'),
  'utf8',
);
/** Added line of the diff (1-based) that the keystrokes extend. */
const TYPED_LINE = 54;
/** Typed one character at a time; no brackets or quotes, which Monaco may auto-close. */
const TYPED_TEXT = ' pending = pending + 1; flush.run; queue.size; ';

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '30' },
    backends: { type: 'string', default: 'wasm,webgl' },
  },
});
const edits = Number(values.edits);
const backends = values.backends.split(',').map((name) => name.trim());

function row(backend: string, model: string, samples: readonly EditSample[]): string {
  const shown = samples.map((sample) => sample.shownMs);
  const worker = samples.map((sample) => sample.workerMs);
  return `| ${model} | ${backend} | ${samples.length} | ${ms(quantile(worker, 0.5))} | ` +
    `${ms(quantile(worker, 0.95))} | ${ms(quantile(shown, 0.5))} | ${ms(quantile(shown, 0.95))} |`;
}

async function benchBackend(backend: string, rendererDir: string): Promise<string[]> {
  const session = await openWorkbench({
    name: `perflens-bench-models-${backend}`,
    rendererDir,
    query: `?backend=${backend}`,
  });
  try {
    const { page } = session;
    const active = await page.evaluate(() =>
      (globalThis as unknown as { perflensDebug: { state: () => { backend: string } } })
        .perflensDebug.state().backend);
    if (active !== backend) {
      const reason = `backend unavailable, the worker chose ${active}`;
      return [`| all models | ${backend} | ${reason} | | | | |`];
    }
    if (backend === backends[0]) console.log(`Machine: ${await describeMachine(page)}\n`);

    await pasteNewDiff(page, DIFF_100);
    await waitForScoreOf(page, DIFF_100);
    await setExplanations(page, { attributions: 'off', liveSearch: false });
    await installEditProbe(page);

    const rows: string[] = [];
    for (const modelId of await installedModels(page)) {
      await selectModel(page, modelId);
      // A fresh copy of the diff per model, so that every model types the same characters.
      await pasteNewDiff(page, DIFF_100);
      await waitForScoreOf(page, DIFF_100);
      await goToLineEnd(page, TYPED_LINE);
      // Two warm-up keys, so that shader compilation does not count.
      await timedKey(page, 'Space');
      await timedKey(page, 'Backspace');

      const samples: EditSample[] = [];
      for (let i = 0; i < edits; i++) {
        const character = TYPED_TEXT[i % TYPED_TEXT.length]!;
        samples.push(await timedKey(page, character === ' ' ? 'Space' : character));
      }
      rows.push(row(backend, await activeModelLabel(page), samples));
    }
    return rows;
  } finally {
    await session.close();
  }
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'perflens-bench-models-'));
  try {
    const rendererDir = join(scratch, 'renderer');
    await buildRenderer(rendererDir);

    const rows = [
      '| model | backend | edits | worker p50 ms | worker p95 ms | shown p50 ms | shown p95 ms |',
      '|---|---|---|---|---|---|---|',
    ];
    for (const backend of backends) rows.push(...(await benchBackend(backend, rendererDir)));
    console.log('### Scoring latency per model and backend (100-line diff)\n');
    console.log(rows.join('\n'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
