/**
 * Gradient access for Bag of Words scorers, for integrated gradients. The model input is the
 * diff's BM25 vector and the baseline is the zero vector, which is the BM25 vector of an empty
 * diff. A feature's attribution belongs to the token occurrences whose text is its term.
 */
import * as tf from '@tensorflow/tfjs';

import type { Patch } from '../diff/types.ts';
import { BowFeaturizer } from '../features/bowFeaturizer.ts';
import { diffTokens, type DiffToken } from '../tokenize/diffTokens.ts';
import { DenseScorer } from './scorer.ts';
import type {
  ChangeMetadata,
  DifferentiableInput,
  DifferentiableScorer,
  ScoreResult,
} from './types.ts';

/** Clamps probabilities before the log-odds fallback so that it stays finite. */
const PROBABILITY_EPSILON = 1e-7;

/**
 * Returns the logits of a Layers model whose output is one sigmoid probability. When the last
 * layer is Dense with a sigmoid, the logit is that layer's pre-activation, which keeps full
 * precision where the probability saturates. Otherwise it is the log-odds of the output.
 */
export function sigmoidModelLogits(model: tf.LayersModel, inputs: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
    const last = layers[layers.length - 1];
    const lastIsSigmoidDense =
      last !== undefined &&
      last.getClassName() === 'Dense' &&
      last.getConfig().activation === 'sigmoid';

    if (!lastIsSigmoidDense) {
      const probabilities = model.apply(inputs) as tf.Tensor;
      const p = tf.clipByValue(probabilities, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
      return tf.reshape(tf.sub(tf.log(p), tf.log1p(tf.neg(p))), [-1]) as tf.Tensor1D;
    }

    let hidden = inputs;
    for (const layer of layers.slice(0, -1)) hidden = layer.apply(hidden) as tf.Tensor;
    const [kernel, bias] = last.getWeights();
    let logits = tf.matMul(hidden as tf.Tensor2D, kernel as tf.Tensor2D);
    if (bias !== undefined) logits = tf.add(logits, bias);
    return tf.reshape(logits, [-1]) as tf.Tensor1D;
  });
}

/** A Bag of Words DenseScorer with gradient access; scoring is delegated unchanged. */
export class BowDifferentiableScorer implements DifferentiableScorer {
  constructor(
    private readonly scorer: DenseScorer,
    private readonly featurizer: BowFeaturizer,
  ) {}

  get manifest() {
    return this.scorer.manifest;
  }

  get bundleHash(): string {
    return this.scorer.bundleHash;
  }

  score(patch: Patch, metadata?: ChangeMetadata): Promise<ScoreResult> {
    return this.scorer.score(patch, metadata);
  }

  scoreBatch(patches: Patch[], metadata?: ChangeMetadata[]): Promise<number[]> {
    return this.scorer.scoreBatch(patches, metadata);
  }

  differentiableInput(patch: Patch): DifferentiableInput {
    const size = this.featurizer.inputSize;
    const row = this.featurizer.featurize([patch]);
    const tokensByFeature = new Map<number, DiffToken[]>();
    for (const token of diffTokens(patch)) {
      const feature = this.featurizer.weighter.indexOf(token.text);
      if (feature === undefined) continue;
      const tokens = tokensByFeature.get(feature) ?? [];
      tokens.push(token);
      tokensByFeature.set(feature, tokens);
    }

    const input = tf.tensor2d(row, [1, size]);
    const baseline = tf.zeros([1, size]);
    const model = this.scorer.model;
    return {
      input,
      baseline,
      forward: (inputs) => sigmoidModelLogits(model, inputs),
      tokensOfUnit: (unit) => tokensByFeature.get(unit) ?? [],
      dispose: () => {
        input.dispose();
        baseline.dispose();
      },
    };
  }

  /** Disposes the wrapped scorer and its model. */
  dispose(): void {
    this.scorer.dispose();
  }
}

/** Returns true when a scorer exposes gradient access. */
export function isDifferentiableScorer(scorer: object): scorer is DifferentiableScorer {
  return typeof (scorer as Partial<DifferentiableScorer>).differentiableInput === 'function';
}

/**
 * Returns a differentiable view of a scorer: the scorer itself when it already is one, a
 * BowDifferentiableScorer for a Bag of Words DenseScorer, else null. The view shares the
 * scorer's model, so dispose only one of the two.
 */
export function asDifferentiableScorer(scorer: object): DifferentiableScorer | null {
  if (isDifferentiableScorer(scorer)) return scorer;
  if (scorer instanceof DenseScorer && scorer.featurizer instanceof BowFeaturizer) {
    return new BowDifferentiableScorer(scorer, scorer.featurizer);
  }
  return null;
}
