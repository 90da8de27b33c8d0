/**
 * Integrated gradients (Sundararajan, Taly and Yan, "Axiomatic Attribution for Deep Networks",
 * ICML 2017) for scorers with gradient access. The attribution of input unit i is
 *
 *   (x_i - x'_i) * integral over a in [0, 1] of d logit(x' + a (x - x')) / d x_i
 *
 * with baseline x', computed with the trapezoidal rule over `steps` intervals. Completeness:
 * the attributions sum to logit(x) - logit(x'), up to the integration error, which is checked
 * and returned with the attributions.
 */
import * as tf from '@tensorflow/tfjs';

import type { Patch } from '../diff/types.ts';
import type {
  ChangeMetadata,
  DifferentiableInput,
  DifferentiableScorer,
} from '../model/types.ts';
import { yieldToEventLoop } from './batching.ts';
import { diffPosition } from './sites.ts';
import type { DiffPosition } from './types.ts';

export interface IntegratedGradientsOptions {
  /** Trapezoidal intervals between baseline and input; default 64. */
  steps?: number;
  /**
   * Maximum intervals: while the completeness check fails, the intervals double up to this
   * number. Default `steps`, which integrates once.
   */
  maxSteps?: number;
  /**
   * Interpolated inputs per gradient call; default the input's preferred batch size, else 16.
   * Lower it for large inputs.
   */
  batchSize?: number;
  /** Allowed relative completeness error; default 0.01 (see CompletenessCheck). */
  relativeTolerance?: number;
  metadata?: ChangeMetadata;
  /** Rejects the returned promise with the signal's reason before the next gradient batch. */
  signal?: AbortSignal;
  /** Callback with the path points done (of steps + 1) after every gradient batch of a pass. */
  onProgress?: (done: number, total: number) => void;
}

/** Attribution of one token occurrence, in logits. */
export interface TokenGradientAttribution {
  /** Token text in the model's form (Bag of Words: lowercased, with its `+`/`-` prefix). */
  text: string;
  position: DiffPosition;
  /** The unit's attribution shared equally among the unit's token occurrences. */
  attribution: number;
  /** 1-based rank by |attribution|. */
  rank: number;
}

/**
 * Completeness check: |sum - (logitInput - logitBaseline)| must not exceed
 * max(absoluteTolerance, relativeTolerance * |logitInput - logitBaseline|).
 */
export interface CompletenessCheck {
  logitInput: number;
  logitBaseline: number;
  /** Sum of the attributions of all units, tokens or not. */
  attributionSum: number;
  absoluteError: number;
  /** absoluteError / |logitInput - logitBaseline|; Infinity when that difference is 0. */
  relativeError: number;
  absoluteTolerance: number;
  relativeTolerance: number;
  passed: boolean;
}

export interface IntegratedGradientsResult {
  /** Token attributions ranked by |attribution|. */
  tokens: TokenGradientAttribution[];
  /** Attribution of every unit with a nonzero attribution or with tokens, by unit index. */
  units: { unit: number; attribution: number }[];
  completeness: CompletenessCheck;
  /** Intervals of the pass whose attributions these are. */
  steps: number;
  elapsedMs: number;
}

/**
 * Interval settings that start coarse for a quick result and refine only while the completeness
 * check fails. The workbench and the command line use them.
 */
export const ADAPTIVE_STEPS = { steps: 16, maxSteps: 128 } as const;

/** Floor of the completeness tolerance in logits, for diffs whose logit barely moves. */
const ABSOLUTE_TOLERANCE = 1e-3;

/** Gradient of the summed logits with respect to a batch of inputs. */
type GradientFunction = (inputs: tf.Tensor) => tf.Tensor;

/**
 * Adds the weighted gradients at path points `first` to `last` (of 0..steps) to `sum`,
 * disposes `sum` and returns the new sum.
 */
function addGradientBatch(
  sum: tf.Tensor,
  differentiable: DifferentiableInput,
  gradientOf: GradientFunction,
  range: { first: number; last: number; steps: number },
): tf.Tensor {
  const { input, baseline } = differentiable;
  const { first, last, steps } = range;
  const next = tf.tidy(() => {
    const alphas = Array.from({ length: last - first + 1 }, (_, i) => (first + i) / steps);
    // Trapezoidal weights: 1/2 at both ends of [0, 1], 1 inside, all divided by steps.
    const weights = alphas.map((_, i) => {
      const k = first + i;
      return (k === 0 || k === steps ? 0.5 : 1) / steps;
    });
    const alphaShape = [alphas.length, ...input.shape.slice(1).map(() => 1)];
    const alpha = tf.tensor(alphas, alphaShape);
    const path = tf.add(baseline, tf.mul(alpha, tf.sub(input, baseline)));
    const weighted = tf.mul(gradientOf(path), tf.tensor(weights, alphaShape));
    return tf.add(sum, tf.sum(weighted, 0));
  });
  sum.dispose();
  return next;
}

/**
 * Returns the unit attributions [units] of one input, summed over axes after axis 1. Yields to
 * the event loop and checks `signal` before every gradient batch.
 */
async function unitAttributions(
  differentiable: DifferentiableInput,
  steps: number,
  batchSize: number,
  options: Pick<IntegratedGradientsOptions, 'signal' | 'onProgress'>,
): Promise<Float32Array> {
  const { input, baseline, forward } = differentiable;
  const gradientOf: GradientFunction =
    differentiable.gradient?.bind(differentiable) ??
    tf.grad((inputs: tf.Tensor) => tf.sum(forward(inputs)));
  const unitShape = input.shape.slice(1);
  let gradientSum = tf.zeros(unitShape);

  try {
    for (let first = 0; first <= steps; first += batchSize) {
      await yieldToEventLoop();
      options.signal?.throwIfAborted();
      const range = { first, last: Math.min(first + batchSize - 1, steps), steps };
      gradientSum = addGradientBatch(gradientSum, differentiable, gradientOf, range);
      options.onProgress?.(range.last + 1, steps + 1);
    }
  } catch (error) {
    gradientSum.dispose();
    throw error;
  }

  const perUnit = tf.tidy(() => {
    const attributions = tf.mul(gradientSum, tf.squeeze(tf.sub(input, baseline), [0]));
    const extraAxes = unitShape.slice(1).map((_, i) => i + 1);
    return extraAxes.length === 0 ? attributions : tf.sum(attributions, extraAxes);
  });
  gradientSum.dispose();
  const values = (await perUnit.data()) as Float32Array;
  perUnit.dispose();
  return values;
}

/** Returns the logits of the input and the baseline, in that order. */
function endpointLogits(differentiable: DifferentiableInput): [number, number] {
  const logits = tf.tidy(() =>
    differentiable.forward(tf.concat([differentiable.input, differentiable.baseline], 0)),
  );
  const [logitInput, logitBaseline] = Array.from(logits.dataSync());
  logits.dispose();
  return [logitInput!, logitBaseline!];
}

/** Sums unit attributions, shares them out over their tokens and checks completeness. */
function summarize(
  patch: Patch,
  differentiable: DifferentiableInput,
  attributions: Float32Array,
  endpoints: { logitInput: number; logitBaseline: number; relativeTolerance: number },
): Pick<IntegratedGradientsResult, 'tokens' | 'units' | 'completeness'> {
  const units: { unit: number; attribution: number }[] = [];
  const tokens: TokenGradientAttribution[] = [];
  let attributionSum = 0;
  attributions.forEach((attribution, unit) => {
    const unitTokens = differentiable.tokensOfUnit(unit);
    if (attribution === 0 && unitTokens.length === 0) return;
    attributionSum += attribution;
    units.push({ unit, attribution });

    for (const token of unitTokens) {
      tokens.push({
        text: token.text,
        position: diffPosition(patch, token.file, token.hunk, token.line, token),
        attribution: attribution / unitTokens.length,
        rank: 0,
      });
    }
  });
  tokens.sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution));
  tokens.forEach((token, index) => (token.rank = index + 1));

  const { logitInput, logitBaseline, relativeTolerance } = endpoints;
  const expected = logitInput - logitBaseline;
  const absoluteError = Math.abs(attributionSum - expected);
  const completeness: CompletenessCheck = {
    logitInput,
    logitBaseline,
    attributionSum,
    absoluteError,
    relativeError: expected === 0 ? Number.POSITIVE_INFINITY : absoluteError / Math.abs(expected),
    absoluteTolerance: ABSOLUTE_TOLERANCE,
    relativeTolerance,
    passed: absoluteError <= Math.max(ABSOLUTE_TOLERANCE, relativeTolerance * Math.abs(expected)),
  };
  return { tokens, units, completeness };
}

/** Throws when an option is not a whole number >= 1. */
function checkWholeNumbers(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (Number.isInteger(value) && value >= 1) continue;
    throw new Error(
      `Invalid integrated gradients option ${name}: ${value}; it must be a whole number >= 1.`,
    );
  }
}

/**
 * Computes integrated gradients for one diff and checks completeness. With `maxSteps` above
 * `steps`, a failed check doubles the intervals and integrates again, up to `maxSteps`.
 * Partial integrals are meaningless, so an abort rejects instead of returning part of a result.
 */
export async function integratedGradients(
  scorer: DifferentiableScorer,
  patch: Patch,
  options: IntegratedGradientsOptions = {},
): Promise<IntegratedGradientsResult> {
  const started = performance.now();
  const initialSteps = options.steps ?? 64;
  const maxSteps = options.maxSteps ?? initialSteps;
  checkWholeNumbers({ steps: initialSteps, maxSteps, batchSize: options.batchSize ?? 16 });

  const differentiable = scorer.differentiableInput(patch, options.metadata);
  const batchSize = options.batchSize ?? differentiable.preferredBatchSize ?? 16;
  try {
    const [logitInput, logitBaseline] = endpointLogits(differentiable);
    const relativeTolerance = options.relativeTolerance ?? 0.01;
    const endpoints = { logitInput, logitBaseline, relativeTolerance };

    let steps = initialSteps;
    for (;;) {
      const attributions = await unitAttributions(differentiable, steps, batchSize, options);
      const result = summarize(patch, differentiable, attributions, endpoints);
      if (result.completeness.passed || steps * 2 > maxSteps) {
        return { ...result, steps, elapsedMs: performance.now() - started };
      }
      steps *= 2;
    }
  } finally {
    differentiable.dispose();
  }
}
