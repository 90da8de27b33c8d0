/**
 * Helpers of the Chromium benchmarks: the machine description recorded with every result, an
 * in-page probe that times each keystroke until the frame that paints its score, UI steps that
 * switch the explanation jobs on or off, and percentiles.
 */
import { cpus, loadavg, totalmem } from 'node:os';

import type { Page } from 'playwright-core';

import { goTo } from '../test/e2e/harness.ts';

/** Returns the q-quantile (0..1) of values by linear interpolation, or NaN for no values. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Formats milliseconds for a results table: one decimal, `n/a` for NaN. */
export function ms(value: number): string {
  return Number.isNaN(value) ? 'n/a' : value.toFixed(1);
}

/** Returns one line describing the machine, Chromium and its WebGL renderer, for results. */
export async function describeMachine(page: Page): Promise<string> {
  const browser = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2');
    const info = gl?.getExtension('WEBGL_debug_renderer_info');
    const renderer = gl === null || gl === undefined || info === null || info === undefined
      ? 'no WebGL2'
      : String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL));
    return { userAgent: navigator.userAgent, renderer };
  });
  const chromium = /(?:Headless)?Chrome\/([\d.]+)/.exec(browser.userAgent)?.[1] ?? 'unknown';
  const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
  const load = loadavg().map((value) => value.toFixed(2)).join(' ');
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  return `${cpus().length} cores (${cpuModel}), ${memory} GiB, no GPU; headless Chromium ` +
    `${chromium}, WebGL renderer: ${browser.renderer}; load average at start ${load}`;
}

/** Timing of one keystroke, recorded in the page. */
export interface EditSample {
  /** From the keydown event to the animation frame after the store took the score, in ms. */
  shownMs: number;
  /** Featurize plus infer time that the worker measured for this score, in ms. */
  workerMs: number;
  /** True when an explanation job was running as the key went down. */
  jobRunning: boolean;
}

/**
 * Installs the probe: each keydown records its time, and each new latest score records a sample
 * in the next animation frame, which is the frame that paints it.
 */
export async function installEditProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Debug = {
      state: () => { attributions: { status: string }; search: { status: string } };
      subscribeWorkbench: (listener: (state: any) => void) => () => void;
    };
    const debug = (globalThis as unknown as { perflensExplainDebug: Debug }).perflensExplainDebug;
    const probe = { keyAt: 0, jobRunning: false, samples: [] as unknown[], last: null as unknown };
    Object.assign(globalThis, { perflensBenchProbe: probe });

    window.addEventListener('keydown', (event) => {
      const explain = debug.state();
      probe.keyAt = event.timeStamp;
      probe.jobRunning = explain.attributions.status === 'running'
        || explain.search.status === 'running';
    }, { capture: true });

    debug.subscribeWorkbench((state) => {
      const score = state.currentScore;
      if (score === null || score === probe.last || state.scorePending) return;
      if (score.requestId !== state.latestRequestId) return;
      probe.last = score;
      const { keyAt, jobRunning } = probe;
      requestAnimationFrame(() => {
        const workerMs = score.timings.featurizeMs + score.timings.inferMs;
        probe.samples.push({ shownMs: performance.now() - keyAt, workerMs, jobRunning });
      });
    });
  });
}

function sampleCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const probe = (globalThis as unknown as { perflensBenchProbe: { samples: unknown[] } })
      .perflensBenchProbe;
    return probe.samples.length;
  });
}

/** Presses one key (a character or a key name such as `Backspace`) and waits for its sample. */
export async function timedKey(page: Page, key: string): Promise<EditSample> {
  const before = await sampleCount(page);
  await page.keyboard.press(key);
  await page.waitForFunction((count) => {
    const probe = (globalThis as unknown as { perflensBenchProbe: { samples: unknown[] } })
      .perflensBenchProbe;
    return probe.samples.length > count;
  }, before, { timeout: 30_000 });

  return page.evaluate(() => {
    const probe = (globalThis as unknown as { perflensBenchProbe: { samples: EditSample[] } })
      .perflensBenchProbe;
    return probe.samples[probe.samples.length - 1]!;
  });
}

/** Puts the editor cursor at the end of a 1-based line. */
export async function goToLineEnd(page: Page, line: number): Promise<void> {
  await goTo(page, line, 1);
  await page.keyboard.press('End');
}

/**
 * Sets the explanation jobs through the UI: attributions drawn at token level or off, and the
 * live counterfactual search on or off. Leaves the Counterfactuals tab open.
 */
export async function setExplanations(
  page: Page,
  options: { attributions: 'token' | 'off'; liveSearch: boolean; budgetMs?: number },
): Promise<void> {
  await page.getByTestId(`attribution-display-${options.attributions}`).click();
  await page.getByTestId('bottom-tab-counterfactuals').click();
  await page.getByTestId('search-auto').setChecked(options.liveSearch);
  if (options.budgetMs !== undefined) {
    await page.getByTestId('search-budget').selectOption(String(options.budgetMs));
  }
}

/** Selects a model in the model panel and waits until it is loaded and has scored the text. */
export async function selectModel(page: Page, modelId: string): Promise<void> {
  await page.locator(`[data-testid=model-option][data-model-id="${modelId}"]`).click();
  await page.waitForFunction((id) => {
    const debug = (globalThis as unknown as { perflensDebug: { state: () => any } })
      .perflensDebug;
    const state = debug.state();
    return state.activeModelId === id && state.modelStatus === 'ready'
      && state.currentScore !== null && state.scorePending === false;
  }, modelId, { timeout: 300_000 });
}

/** Returns `id version (bundle 1234abcd5678)` of the active model, to name it in results. */
export function activeModelLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as { perflensDebug: { state: () => any } })
      .perflensDebug;
    const state = debug.state();
    const model = state.models.find((entry: { id: string }) => entry.id === state.activeModelId);
    const hash = String(state.activeBundleHash ?? '').slice(0, 12);
    return `${state.activeModelId} ${model?.manifest?.version ?? '?'} (bundle ${hash})`;
  });
}

/** Ids of the models the host lists with a valid manifest, in the host's order. */
export function installedModels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as { perflensDebug: { state: () => any } })
      .perflensDebug;
    const models = debug.state().models as { id: string; manifest: unknown }[];
    return models.filter((model) => model.manifest !== null).map((model) => model.id);
  });
}
