import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { integratedGradients } from '../../../src/core/explain/integratedGradients.ts';
import { asDifferentiableScorer } from '../../../src/core/model/bowGradients.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import type { DifferentiableScorer, Scorer } from '../../../src/core/model/types.ts';
import { readBundleDir } from '../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from './handBuiltBow.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);
const SHIPPED_BOW_DIR = join(PROJECT_ROOT, 'models', 'bow');
const shippedBowMissing = !existsSync(join(SHIPPED_BOW_DIR, 'manifest.json'));

beforeAll(async () => {
  await setupTfjsBackend();
});

describe('integratedGradients on hand-built model', () => {
  let scorer: Scorer;
  let differentiable: DifferentiableScorer;

  beforeAll(async () => {
    scorer = await loadHandBuiltScorer();
    differentiable = asDifferentiableScorer(scorer)!;
  });

  afterAll(() => scorer.dispose());

  test('completeness check passes', async () => {
    const result = await integratedGradients(differentiable, parsePatch(SLEEP_BLOCK_DIFF));

    expect(result.completeness.passed).toBe(true);
    expect(result.completeness.logitBaseline).toBeCloseTo(-1.5, 6);
    console.log(`Hand-built IG completeness error: ${result.completeness.absoluteError} logits.`);
  });

  test('linear attribution is weight times input', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await integratedGradients(differentiable, patch);

    // For a linear logit IG is exact: weight 3 times the BM25 value of `+sleep` in 13 tokens.
    const idf = Math.log(1 + 70.5 / 30.5);
    const bm25 = (idf * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 13) / 400));
    const sleep = result.tokens.find((token) => token.text === '+sleep')!;
    expect(sleep.attribution).toBeCloseTo(3 * bm25, 4);
    expect(sleep.position.patchLine).toBe(8);
    const item = result.tokens.find((token) => token.text === '+item')!;
    expect(item.attribution).toBe(0);
  });

  test('repeated tokens share unit attribution', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF.replace('const copy = deepClone', 'sleep(sleep);'));

    const result = await integratedGradients(differentiable, patch);

    const sleeps = result.tokens.filter((token) => token.text === '+sleep');
    const unit = result.units.find((entry) => entry.unit === 0)!;
    expect(sleeps).toHaveLength(2);
    expect(sleeps[0]!.attribution).toBeCloseTo(unit.attribution / 2, 6);
  });

  test('abort rejects and frees tensors', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    controller.abort();

    const run = integratedGradients(differentiable, patch, { signal: controller.signal });

    await expect(run).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('invalid max steps is rejected', async () => {
    const run = integratedGradients(differentiable, parsePatch(SLEEP_BLOCK_DIFF), {
      maxSteps: 0,
    });

    await expect(run).rejects.toThrow(/option maxSteps: 0; it must be a whole number >= 1/);
  });

  test('progress reaches every path point', async () => {
    const reports: [number, number][] = [];

    await integratedGradients(differentiable, parsePatch(SLEEP_BLOCK_DIFF), {
      steps: 20,
      batchSize: 8,
      onProgress: (done, total) => reports.push([done, total]),
    });

    expect(reports).toEqual([
      [8, 21],
      [16, 21],
      [21, 21],
    ]);
  });

  test('tensor count stays flat', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    await integratedGradients(differentiable, patch);
    const before = tf.memory().numTensors;

    for (let run = 0; run < 3; run++) await integratedGradients(differentiable, patch);

    expect(tf.memory().numTensors).toBe(before);
  });
});

describe.skipIf(shippedBowMissing)('integratedGradients on shipped BoW bundle', () => {
  let scorer: Scorer;

  beforeAll(async () => {
    scorer = await loadScorer(await readBundleDir(SHIPPED_BOW_DIR));
  });

  afterAll(() => scorer?.dispose());

  test('completeness check passes', async () => {
    const differentiable = asDifferentiableScorer(scorer);
    expect(differentiable).not.toBeNull();

    const result = await integratedGradients(differentiable!, parsePatch(LIST_VIEW_DIFF));

    expect(result.completeness.passed).toBe(true);
    console.log(
      `Shipped BoW IG completeness error: ${result.completeness.absoluteError} logits ` +
        `(relative ${result.completeness.relativeError}).`,
    );
  });

  test('input logit matches scorer probability', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const { probability } = await scorer.score(patch);

    const result = await integratedGradients(asDifferentiableScorer(scorer)!, patch);

    expect(1 / (1 + Math.exp(-result.completeness.logitInput))).toBeCloseTo(probability, 5);
  });
});

if (shippedBowMissing) {
  console.log(`Skipping shipped BoW checks: no bundle at ${SHIPPED_BOW_DIR}.`);
}
