import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../../src/core/diff/parse.ts';
import { integratedGradients } from '../../../../src/core/explain/integratedGradients.ts';
import { isDifferentiableScorer } from '../../../../src/core/model/bowGradients.ts';
import { loadScorer } from '../../../../src/core/model/scorer.ts';
import {
  SuperPerforatorScorer,
} from '../../../../src/core/model/transformer/superperforator-scorer.ts';
import type { DifferentiableScorer } from '../../../../src/core/model/types.ts';
import { readBundleDir } from '../../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../../src/node/tfBackend.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);
/** Fewer intervals than the default keep the test fast; the error stays far inside 1%. */
const STEPS = 16;

beforeAll(async () => {
  await setupTfjsBackend();
});

describe.each(['transformer', 'superperforator'])('integrated gradients of %s', (id) => {
  let scorer: DifferentiableScorer;
  const patch = parsePatch(LIST_VIEW_DIFF);

  beforeAll(async () => {
    const loaded = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));
    if (!isDifferentiableScorer(loaded)) throw new Error(`Scorer of ${id} has no gradients.`);
    scorer = loaded;
  });

  afterAll(() => scorer?.dispose());

  test('completeness check passes', async () => {
    const result = await integratedGradients(scorer, patch, { steps: STEPS });

    expect(result.completeness.passed).toBe(true);
  });

  test('failed check doubles the intervals', async () => {
    const coarse = await integratedGradients(scorer, patch, { steps: 1 });
    const refined = await integratedGradients(scorer, patch, { steps: 1, maxSteps: 64 });

    expect(coarse.completeness.passed).toBe(false);
    expect(refined.completeness.passed).toBe(true);
    expect(refined.steps).toBeGreaterThan(1);
  });

  test('input logit matches scorer probability', async () => {
    const { probability } = await scorer.score(patch);

    const result = await integratedGradients(scorer, patch, { steps: 1 });

    expect(1 / (1 + Math.exp(-result.completeness.logitInput))).toBeCloseTo(probability, 4);
  });

  test('only code positions get attributions', async () => {
    const differentiable = scorer.differentiableInput(patch);
    const result = await integratedGradients(scorer, patch, { steps: STEPS });

    const outsideCode = result.units.filter(
      ({ unit }) => differentiable.tokensOfUnit(unit).length === 0,
    );
    differentiable.dispose();
    expect(outsideCode.every(({ attribution }) => attribution === 0)).toBe(true);
  });

  test('token spans match the diff text', async () => {
    const result = await integratedGradients(scorer, patch, { steps: 1 });
    const lines = LIST_VIEW_DIFF.split('\n');

    const mismatched = result.tokens.filter(({ text, position }) => {
      const line = lines[position.patchLine - 1]!;
      return line.slice(position.startColumn! - 1, position.endColumn! - 1) !== text;
    });
    expect(result.tokens.length).toBeGreaterThan(100);
    expect(mismatched).toEqual([]);
  });

  test('tensor count stays flat', async () => {
    await integratedGradients(scorer, patch, { steps: 1 });
    const before = tf.memory().numTensors;

    for (let run = 0; run < 3; run++) await integratedGradients(scorer, patch, { steps: 2 });

    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('SuperPerforator chunked gradient', () => {
  test('chunked gradient matches direct gradient', async () => {
    const bundle = await readBundleDir(join(PROJECT_ROOT, 'models', 'superperforator'));
    const scorer = await loadScorer(bundle);
    if (!(scorer instanceof SuperPerforatorScorer)) throw new Error('Not SuperPerforator.');
    const patch = parsePatch(LIST_VIEW_DIFF);
    const differentiable = scorer.differentiableInput(patch);
    // Just enough copies of the diff that their windows exceed one 64-window gradient pass.
    const copies = Math.floor(64 / scorer.windowsOf(patch).length) + 1;

    const [chunked, direct] = tf.tidy(() => {
      const inputs = tf.tile(differentiable.input, [copies, 1, 1]);
      const gradient = differentiable.gradient!(inputs);
      const reference = tf.grad((x: tf.Tensor) => tf.sum(differentiable.forward(x)))(inputs);
      return [gradient.arraySync() as number[][][], reference.arraySync() as number[][][]];
    });
    differentiable.dispose();
    scorer.dispose();

    const flatChunked = chunked.flat(2);
    const flatDirect = direct.flat(2);
    const largest = flatDirect.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
    const worst = flatChunked.reduce(
      (max, value, i) => Math.max(max, Math.abs(value - flatDirect[i]!)),
      0,
    );
    expect(largest).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-4 * largest);
  });
});

