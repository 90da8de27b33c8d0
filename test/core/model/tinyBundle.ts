/**
 * A tiny BoW bundle built in memory for tests: a five-term vocabulary and a logistic
 * regression with known weights, so scores can be computed by hand.
 */
import * as tf from '@tensorflow/tfjs';

import { buildVocabulary } from '../../../src/core/features/bm25.ts';
import type { BowFeatureSettings } from '../../../src/core/features/bowFeaturizer.ts';
import type { BundleBytes } from '../../../src/core/model/types.ts';
import { assembleBundle } from '../../../src/node/bundleFiles.ts';
import { testBundleDraft } from './testDraft.ts';

export const TINY_DOCUMENTS = [
  ['-memo', '-cache', 'return'],
  ['+slow', '+scan', 'return'],
  ['+slow', 'find', 'return'],
  ['-memo', '+scan', 'find'],
  ['+format', 'name'],
];

/** Kernel weights by term of the tiny model; the bias is TINY_BIAS. */
export const TINY_WEIGHTS: Record<string, number> = {
  '-memo': 0.8,
  '-cache': 1.2,
  '+slow': 0.5,
  '+scan': -0.3,
  find: 0.1,
  return: -0.2,
};
export const TINY_BIAS = -0.7;

export async function buildTinyBundle(): Promise<BundleBytes> {
  const vocabulary = buildVocabulary(TINY_DOCUMENTS, { minDf: 1, maxDfRatio: 1, maxSize: 8 });
  const settings: BowFeatureSettings = {
    inputSize: vocabulary.terms.length,
    vocabularyFile: 'vocabulary.json',
    k1: 1.2,
    b: 0.75,
    normalize: 'none',
  };

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [settings.inputSize] }),
    ],
  });
  const kernel = vocabulary.terms.map((term) => TINY_WEIGHTS[term] ?? 0);
  model.setWeights([tf.tensor2d(kernel, [kernel.length, 1]), tf.tensor1d([TINY_BIAS])]);

  const draft = testBundleDraft({
    id: 'tiny-bow',
    family: 'bow',
    description: 'Test bundle',
    threshold: 0.5,
    features: { ...settings },
  });
  const bundle = await assembleBundle(
    draft,
    model,
    new Map([['vocabulary.json', JSON.stringify(vocabulary)]]),
  );
  model.dispose();
  return bundle;
}

/** Encodes a manifest object as the bytes of manifest.json. */
export function manifestBytes(manifest: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(manifest));
}
