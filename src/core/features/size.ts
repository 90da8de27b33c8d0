/**
 * Diff size features: log churn (added + removed lines) and log file count, standardized with
 * the training split's mean and standard deviation. Positives in perf-commits-v1 are much larger
 * diffs than negatives, so every model is compared against a model of these features alone.
 */
import type { Patch } from '../diff/types.ts';
import type { Featurizer } from '../model/registry.ts';
import type { BundleBytes } from '../model/types.ts';

export interface DiffSize {
  added: number;
  removed: number;
  files: number;
}

/** Settings stored in the manifest's `features` for the `size-baseline` family. */
export interface SizeFeatureSettings {
  inputSize: 2;
  names: ['log1p_churn', 'log1p_files'];
  mean: [number, number];
  std: [number, number];
}

export const SIZE_FEATURE_NAMES: SizeFeatureSettings['names'] = ['log1p_churn', 'log1p_files'];

/** Counts added and removed lines and changed files of a patch. */
export function diffSize(patch: Patch): DiffSize {
  let added = 0;
  let removed = 0;
  for (const file of patch.files) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === 'added') added++;
        else if (line.kind === 'removed') removed++;
      }
    }
  }
  return { added, removed, files: patch.files.length };
}

/** Returns the raw size features [log1p(churn), log1p(files)] before standardization. */
export function rawSizeFeatures(size: DiffSize): [number, number] {
  return [Math.log1p(size.added + size.removed), Math.log1p(size.files)];
}

/** Computes the mean and standard deviation of each column of raw rows. */
export function columnStats(rows: readonly number[][]): { mean: number[]; std: number[] } {
  const columns = rows[0]?.length ?? 0;
  const mean = new Array<number>(columns).fill(0);
  const std = new Array<number>(columns).fill(0);
  for (const row of rows) row.forEach((value, c) => (mean[c]! += value / rows.length));
  for (const row of rows) row.forEach((value, c) => (std[c]! += (value - mean[c]!) ** 2));

  // A constant column keeps std 1 so standardization never divides by zero.
  return { mean, std: std.map((sum) => Math.sqrt(sum / rows.length) || 1) };
}

export class SizeFeaturizer implements Featurizer {
  readonly inputSize = 2;

  constructor(readonly settings: SizeFeatureSettings) {}

  featurize(patches: readonly Patch[]): Float32Array {
    const matrix = new Float32Array(patches.length * 2);
    patches.forEach((patch, r) => {
      rawSizeFeatures(diffSize(patch)).forEach((value, c) => {
        matrix[r * 2 + c] = (value - this.settings.mean[c]!) / this.settings.std[c]!;
      });
    });
    return matrix;
  }
}

export function createSizeFeaturizer(bundle: BundleBytes): SizeFeaturizer {
  return new SizeFeaturizer(bundle.manifest.features as unknown as SizeFeatureSettings);
}
