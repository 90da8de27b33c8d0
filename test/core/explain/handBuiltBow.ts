/**
 * A tiny Bag of Words model with hand-set weights, written and read through the real bundle
 * format, so tests know its counterfactuals by hand.
 *
 * Every term has df 30 of 100 documents, so idf = ln(1 + 70.5 / 30.5) = 1.197. BM25 uses k1 1.2,
 * b 0.75 and avgdl 400. A term that occurs once in a diff of n tokens then weighs
 * 1.197 * 2.2 / (1 + 1.2 * (0.25 + 0.75 * n / 400)), about 1.98 for 13 tokens and 1.2 for 400. The logistic
 * regression gives `+sleep` and `+block` 3 each and every other term 0, with bias -1.5 and
 * threshold 0.5. SLEEP_BLOCK_DIFF (13 tokens) has logit -1.5 + 2 * 3 * 1.98 = 10.4 (flagged),
 * about 4.5 with one of the two tokens deleted, and -1.5 (not flagged) with both deleted.
 */
import * as tf from '@tensorflow/tfjs';

import { verifyBundle } from '../../../src/core/model/bundle.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import type { BundleBytes, Scorer } from '../../../src/core/model/types.ts';
import { assembleBundle } from '../../../src/node/bundleFiles.ts';
import { testBundleDraft } from '../model/testDraft.ts';

export const HAND_BUILT_TERMS = ['+sleep', '+block', '+item', 'item', '-cache', 'return'];

/** Weight of each term in HAND_BUILT_TERMS, by index. */
const WEIGHTS = [3, 3, 0, 0, 0, 0];
const BIAS = -1.5;

/** A diff whose only counterfactual by token deletions is deleting both `sleep` and `block`. */
export const SLEEP_BLOCK_DIFF = [
  'diff --git a/src/worker.js b/src/worker.js',
  'index 1111111..2222222 100644',
  '--- a/src/worker.js',
  '+++ b/src/worker.js',
  '@@ -1,3 +1,5 @@',
  ' function handle(item) {',
  '-  return cache.get(item);',
  '+  sleep(item);',
  '+  block(item);',
  '+  return item;',
  ' }',
  '',
].join('\n');

/** Builds the hand-set model with `threshold` and writes it into verified bundle bytes. */
export async function handBuiltBundle(threshold = 0.5): Promise<BundleBytes> {
  const size = HAND_BUILT_TERMS.length;
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [size] }));
  const weights = [tf.tensor2d(WEIGHTS, [size, 1]), tf.tensor1d([BIAS])];
  model.setWeights(weights);
  tf.dispose(weights);

  const vocabulary = {
    terms: HAND_BUILT_TERMS,
    df: HAND_BUILT_TERMS.map(() => 30),
    documents: 100,
    avgDocLength: 400,
  };
  const draft = testBundleDraft({
    id: 'hand-built-bow',
    family: 'bow',
    description: 'Logistic regression with hand-set weights for explanation tests.',
    threshold,
    features: {
      inputSize: size,
      vocabularyFile: 'vocabulary.json',
      k1: 1.2,
      b: 0.75,
      normalize: 'none',
    },
  });

  const assembled = await assembleBundle(
    draft,
    model,
    new Map([['vocabulary.json', JSON.stringify(vocabulary)]]),
  );
  model.dispose();

  const manifestBytes = new TextEncoder().encode(JSON.stringify(assembled.manifest));
  return verifyBundle(manifestBytes, assembled.files);
}

/** Loads a scorer from the hand-built bundle, as the CLI does with a bundle folder. */
export async function loadHandBuiltScorer(threshold = 0.5): Promise<Scorer> {
  return loadScorer(await handBuiltBundle(threshold));
}
