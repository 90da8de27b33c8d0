/** The score of one diff with the time spent featurizing it and running the model. */
import type { ScoreResult } from './types.ts';

/**
 * Scores one diff in two timed steps, `featurize` and then `infer`, and returns the result
 * with its decision against `threshold`.
 */
export async function timedScore<Features>(
  threshold: number,
  featurize: () => Features,
  infer: (features: Features) => Promise<number> | number,
): Promise<ScoreResult> {
  const started = performance.now();
  const features = featurize();
  const featurized = performance.now();

  const probability = await infer(features);
  const finished = performance.now();
  return {
    probability,
    threshold,
    flagged: probability >= threshold,
    timings: {
      featurizeMs: featurized - started,
      inferMs: finished - featurized,
      totalMs: finished - started,
    },
  };
}
