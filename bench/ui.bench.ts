/**
 * Chromium benchmarks of the workbench with the real browser-mode server, the built renderer and
 * the shipped bundles, driven headless by playwright-core. Prints Markdown for docs/benchmarks.md:
 *
 * - edit to score on screen: 200 keystrokes typed into a 300-line diff with Bag of Words. The
 *   first run types at full speed, so explanation jobs never start. The second pauses 400 ms
 *   after each score, so the attribution job or the search runs when the next key goes down;
 * - time to the first counterfactual of a 103-line diff that both models flag, per model (bow,
 *   and superperforator when its bundle exists);
 * - the inference worker's tf.memory().numTensors over 100 searches and 20 attribution jobs.
 *
 * Usage: npm run bench:ui -- [--edits N] [--searches N] [--backend webgl|wasm|cpu]
 * (defaults: 200 edits, 100 searches, and the worker's automatic backend order: webgl, wasm, cpu,
 * or wasm first when WebGL is software-rendered, as in headless Chromium without a GPU)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { Page } from 'playwright-core';

import { PROJECT_ROOT } from '../src/node/dataset.ts';
import { openWorkbench, pasteNewDiff, waitForScoreOf } from '../test/e2e/harness.ts';
import {
  activeModelLabel,
  describeMachine,
  goToLineEnd,
  installEditProbe,
  ms,
  quantile,
  selectModel,
  setExplanations,
  timedKey,
  type EditSample,
} from './browserBench.ts';

const FIXTURES = join(PROJECT_ROOT, 'bench', 'fixtures');
const DIFF_300 = readFileSync(join(FIXTURES, 'edit-latency-300.diff'), 'utf8');
/** Hand-written 103-line diff that BoW and SuperPerforator both flag, so a search can flip it. */
const DIFF_100 = readFileSync(join(FIXTURES, 'scheduler-dep-scan.diff'), 'utf8');
/** Added line of DIFF_300 (1-based) that the keystrokes extend. */
const TYPED_LINE = 152;
/**
 * Typed one character at a time. No brackets or quotes: Monaco may auto-close or overtype
 * those, and a keystroke that leaves the text unchanged would get no new score.
 */
const TYPED_TEXT = ' total = total + copy.length; copy.sort; index = index + 1; cache.clear;';
const SEARCH_MODELS = ['bow', 'superperforator'];
const SEARCH_BUDGET_MS = 10_000;

const { values } = parseArgs({
  options: {
    edits: { type: 'string', default: '200' },
    searches: { type: 'string', default: '100' },
    backend: { type: 'string' },
  },
});
const edits = Number(values.edits);
const searches = Number(values.searches);

function explainState(page: Page): Promise<Record<string, any>> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as { perflensExplainDebug: { state: () => any } })
      .perflensExplainDebug;
    return JSON.parse(JSON.stringify(debug.state())) as Record<string, any>;
  });
}

/** Types `count` characters of TYPED_TEXT (cycling), pausing `pauseMs` after each score. */
async function typeAndTime(page: Page, count: number, pauseMs: number): Promise<EditSample[]> {
  const samples: EditSample[] = [];
  for (let i = 0; i < count; i++) {
    const character = TYPED_TEXT[i % TYPED_TEXT.length]!;
    samples.push(await timedKey(page, character === ' ' ? 'Space' : character));
    if (pauseMs > 0) await page.waitForTimeout(pauseMs);
  }
  return samples;
}

function latencyRow(label: string, samples: readonly EditSample[]): string {
  const shown = samples.map((sample) => sample.shownMs);
  const worker = samples.map((sample) => sample.workerMs);
  const during = samples.filter((sample) => sample.jobRunning).length;
  return `| ${label} | ${samples.length} | ${ms(quantile(shown, 0.5))} | ` +
    `${ms(quantile(shown, 0.95))} | ${ms(Math.max(...shown))} | ${ms(quantile(worker, 0.5))} | ` +
    `${during} |`;
}

async function benchEditLatency(page: Page): Promise<string[]> {
  await pasteNewDiff(page, DIFF_300);
  await waitForScoreOf(page, DIFF_300);
  console.log(`Model: ${await activeModelLabel(page)}\n`);
  await installEditProbe(page);
  await setExplanations(page, { attributions: 'token', liveSearch: true });
  await page.getByTestId('bottom-tab-side-by-side').click();

  await goToLineEnd(page, TYPED_LINE);
  const typing = await typeAndTime(page, edits, 0);
  await goToLineEnd(page, TYPED_LINE);
  const paused = await typeAndTime(page, edits, 400);

  return [
    '| run | edits | p50 ms | p95 ms | max ms | worker p50 ms | keys during a job |',
    '|---|---|---|---|---|---|---|',
    latencyRow('typing at full speed', typing),
    latencyRow('400 ms pause after each score', paused),
  ];
}

interface SearchTiming {
  /** From the Search click to the frame that draws the first counterfactual, or NaN. */
  pageMs: number;
  /** Worker time from the start of the search to the first counterfactual, or NaN. */
  workerMs: number;
  /** Edit sets the whole search scored. */
  scored: number;
}

/** Runs one manual search and returns the page and worker times to its first counterfactual. */
async function timeFirstCounterfactual(page: Page): Promise<SearchTiming> {
  await waitForJobs(page);
  await page.evaluate(() => {
    type Debug = { subscribeExplain: (listener: (state: any) => void) => () => void };
    const debug = (globalThis as unknown as { perflensExplainDebug: Debug }).perflensExplainDebug;
    const timing = { clickAt: 0, shownMs: Number.NaN };
    Object.assign(globalThis, { perflensSearchTiming: timing });
    const button = document.querySelector('[data-testid=search-start]')!;
    button.addEventListener('click', (event) => {
      timing.clickAt = event.timeStamp;
    }, { capture: true, once: true });
    const stop = debug.subscribeExplain((state) => {
      if (timing.clickAt === 0 || state.search.counterfactuals.length === 0) return;
      stop();
      requestAnimationFrame(() => {
        timing.shownMs = performance.now() - timing.clickAt;
      });
    });
  });

  await page.getByTestId('search-start').click();
  await page.waitForFunction(() => {
    const debug = (globalThis as unknown as { perflensExplainDebug: { state: () => any } })
      .perflensExplainDebug;
    return debug.state().search.status === 'done';
  }, undefined, { timeout: SEARCH_BUDGET_MS + 30_000 });

  const search = (await explainState(page)).search;
  const pageMs = await page.evaluate(() =>
    (globalThis as unknown as { perflensSearchTiming: { shownMs: number } })
      .perflensSearchTiming.shownMs);
  const first = search.counterfactuals[0];
  const scored = search.trace[search.trace.length - 1]?.scored ?? 0;
  return { pageMs, workerMs: first === undefined ? Number.NaN : first.elapsedMs, scored };
}

async function benchFirstCounterfactual(page: Page, runs: number): Promise<string[]> {
  await pasteNewDiff(page, DIFF_100);
  await waitForScoreOf(page, DIFF_100);
  await setExplanations(page, {
    attributions: 'off',
    liveSearch: false,
    budgetMs: SEARCH_BUDGET_MS,
  });

  const rows = [
    '| model | probability | runs | runs with one | worker p50 ms | page p50 ms | page max ms | ' +
      'edit sets scored per search, p50 |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const modelId of SEARCH_MODELS) {
    if (!existsSync(join(PROJECT_ROOT, 'models', modelId, 'manifest.json'))) {
      rows.push(`| ${modelId} | bundle not installed | | | | | | |`);
      continue;
    }
    await selectModel(page, modelId);
    const score = await waitForScoreOf(page, DIFF_100);
    const label = await activeModelLabel(page);
    const timings: SearchTiming[] = [];
    for (let run = 0; run < runs; run++) timings.push(await timeFirstCounterfactual(page));

    const found = timings.filter((timing) => !Number.isNaN(timing.workerMs));
    const workerMs = found.map((timing) => timing.workerMs);
    const pageMs = found.map((timing) => timing.pageMs);
    const scored = quantile(timings.map((timing) => timing.scored), 0.5);
    rows.push(`| ${label} | ${score.probability.toFixed(4)} | ${runs} | ${found.length} | ` +
      `${ms(quantile(workerMs, 0.5))} | ${ms(quantile(pageMs, 0.5))} | ` +
      `${ms(found.length === 0 ? Number.NaN : Math.max(...pageMs))} | ${scored.toFixed(0)} |`);
  }
  return rows;
}

async function workerTensors(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const debug = (globalThis as unknown as {
      perflensExplainDebug: { workerMemory: () => Promise<{ numTensors: number }> };
    }).perflensExplainDebug;
    return (await debug.workerMemory()).numTensors;
  });
}

async function waitForJobs(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const debug = (globalThis as unknown as { perflensExplainDebug: { state: () => any } })
      .perflensExplainDebug;
    const state = debug.state();
    return state.search.status !== 'running' && state.attributions.status !== 'running'
      && state.attributions.status !== 'waiting';
  }, undefined, { timeout: 120_000 });
}

async function benchTensorCount(page: Page): Promise<string[]> {
  await selectModel(page, 'bow');
  console.log(`Model: ${await activeModelLabel(page)}\n`);
  await setExplanations(page, { attributions: 'off', liveSearch: false, budgetMs: 2000 });
  await waitForJobs(page);
  const start = await workerTensors(page);
  const counts: number[] = [];

  for (let run = 0; run < searches; run++) {
    await page.getByTestId('search-start').click();
    // Every tenth search is stopped early, so the abort path is counted too.
    if (run % 10 === 9) {
      await page.waitForTimeout(150);
      const stop = page.getByTestId('search-stop');
      if (await stop.isVisible()) await stop.click();
    }
    await waitForJobs(page);
    counts.push(await workerTensors(page));
  }

  const method = page.getByTestId('attribution-method');
  await page.getByTestId('attribution-display-token').click();
  for (let run = 0; run < 20; run++) {
    await method.selectOption(run % 2 === 0 ? 'integrated-gradients' : 'occlusion');
    await page.waitForTimeout(350);
    await waitForJobs(page);
    counts.push(await workerTensors(page));
  }

  return [
    '| phase | tensors before | min | max | after |',
    '|---|---|---|---|---|',
    `| ${searches} searches (every tenth stopped), then 20 attribution jobs alternating ` +
      `integrated gradients and occlusion | ${start} | ${Math.min(...counts)} | ` +
      `${Math.max(...counts)} | ${counts[counts.length - 1]} |`,
  ];
}

async function main(): Promise<void> {
  const query = values.backend === undefined ? '' : `?backend=${values.backend}`;
  const session = await openWorkbench({ name: 'perflens-bench-ui', query });
  try {
    const { page } = session;
    const backend = await page.evaluate(() =>
      (globalThis as unknown as { perflensDebug: { state: () => { backend: string } } })
        .perflensDebug.state().backend);
    console.log(`Machine: ${await describeMachine(page)}\n\ntfjs backend: ${backend}\n`);
    console.log('### Edit to score on screen (Bag of Words, 300-line diff)\n');
    console.log((await benchEditLatency(page)).join('\n'));
    console.log('\n### Time to the first counterfactual (103-line diff)\n');
    console.log((await benchFirstCounterfactual(page, 5)).join('\n'));
    console.log('\n### Worker tensors over repeated searches (Bag of Words)\n');
    console.log((await benchTensorCount(page)).join('\n'));
  } finally {
    await session.close();
  }
}

await main();
