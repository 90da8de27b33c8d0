/** Scores labelled diffs with a loaded Scorer, the same path `perflens eval` takes. */
import type { Scorer } from '../core/model/types.ts';
import type { LabelledPatches } from './data.ts';

/** Scores every row in batches; returns one probability per row, in row order. */
export async function scoreRows(
  scorer: Scorer,
  data: LabelledPatches,
  batchSize = 256,
): Promise<Float32Array> {
  const scores = new Float32Array(data.patches.length);
  for (let start = 0; start < data.patches.length; start += batchSize) {
    const end = Math.min(start + batchSize, data.patches.length);
    const batch = await scorer.scoreBatch(
      data.patches.slice(start, end),
      data.metadata.slice(start, end),
    );
    scores.set(batch, start);
  }
  return scores;
}
