/**
 * Code-opaque features after the SuperPerforator study's metadata model: the change's size and
 * shape without its code. Numeric: log file count, log added lines, log removed lines and log
 * test files changed, standardized. Multi-hot: file extensions and base paths (the first three
 * folders), each with an `<other>` slot for values rare in training. One-hot: the author's
 * tenure bucket. Metadata the diff cannot give falls back to the training set's most common value.
 */
import type { Patch } from '../diff/types.ts';
import { BundleError } from '../model/manifest.ts';
import type { Featurizer } from '../model/registry.ts';
import type { BundleBytes, ChangeMetadata } from '../model/types.ts';
import { diffSize } from './size.ts';

export const OTHER = '<other>';

/** Author tenure buckets of perf-commits-v1 (earlier commits by the author), in order. */
export const TENURE_BUCKETS = ['0', '1-5', '6-20', '21-100', '101-500', '>500'];

/** Settings stored in the manifest's `features` for the `opaque` family. */
export interface OpaqueFeatureSettings {
  inputSize: number;
  /** Extensions kept (with the dot, such as `.ts`), then OTHER. */
  extensions: string[];
  /** Base paths kept, then OTHER. */
  basePaths: string[];
  /** Tenure buckets in one-hot order. */
  tenureBuckets: string[];
  /** Mean and standard deviation of the four numeric features on train. */
  numericMean: number[];
  numericStd: number[];
  /** Most common training values, used when metadata is null or missing. */
  defaults: { authorTenure: string; testFilesChanged: number };
}

/** Path of a changed file: the new path, or the old one for a deleted file. */
export function filePath(file: Patch['files'][number]): string {
  return file.newPath ?? file.oldPath ?? '';
}

/** Returns the extension of a path with its dot (`.js`), or `''` without one. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/** Returns the first three folders of a path (`packages/runtime-core/src`), fewer if shallower. */
export function basePathOf(path: string): string {
  const folders = path.split('/').slice(0, -1);
  return folders.slice(0, 3).join('/');
}

/** Returns the raw numeric features: log1p of files, added, removed and test files changed. */
export function rawOpaqueNumeric(patch: Patch, testFilesChanged: number): number[] {
  const size = diffSize(patch);
  return [size.files, size.added, size.removed, testFilesChanged].map((value) => Math.log1p(value));
}

export class OpaqueFeaturizer implements Featurizer {
  readonly inputSize: number;
  private readonly extensionIndex: Map<string, number>;
  private readonly basePathIndex: Map<string, number>;
  private readonly tenureIndex: Map<string, number>;

  constructor(readonly settings: OpaqueFeatureSettings) {
    const numeric = settings.numericMean.length;
    const extensionStart = numeric;
    const basePathStart = extensionStart + settings.extensions.length;
    const tenureStart = basePathStart + settings.basePaths.length;
    this.extensionIndex = new Map(
      settings.extensions.map((value, i) => [value, extensionStart + i]),
    );
    this.basePathIndex = new Map(settings.basePaths.map((value, i) => [value, basePathStart + i]));
    this.tenureIndex = new Map(settings.tenureBuckets.map((value, i) => [value, tenureStart + i]));
    this.inputSize = tenureStart + settings.tenureBuckets.length;
  }

  featurize(
    patches: readonly Patch[],
    metadata?: readonly (ChangeMetadata | undefined)[],
  ): Float32Array {
    const matrix = new Float32Array(patches.length * this.inputSize);
    patches.forEach((patch, r) => this.writeRow(patch, metadata?.[r], matrix, r * this.inputSize));
    return matrix;
  }

  private writeRow(
    patch: Patch,
    metadata: ChangeMetadata | undefined,
    matrix: Float32Array,
    offset: number,
  ): void {
    const { defaults, numericMean, numericStd } = this.settings;
    const testFiles = metadata?.testFilesChanged ?? defaults.testFilesChanged;
    rawOpaqueNumeric(patch, testFiles).forEach((value, i) => {
      matrix[offset + i] = (value - numericMean[i]!) / numericStd[i]!;
    });

    for (const file of patch.files) {
      const path = filePath(file);
      const extension =
        this.extensionIndex.get(extensionOf(path)) ?? this.extensionIndex.get(OTHER)!;
      const basePath =
        this.basePathIndex.get(basePathOf(path)) ?? this.basePathIndex.get(OTHER)!;
      matrix[offset + extension] = 1;
      matrix[offset + basePath] = 1;
    }

    const tenure = metadata?.authorTenure ?? defaults.authorTenure;
    const tenureSlot = this.tenureIndex.get(tenure) ?? this.tenureIndex.get(defaults.authorTenure)!;
    matrix[offset + tenureSlot] = 1;
  }
}

export function createOpaqueFeaturizer(bundle: BundleBytes): OpaqueFeaturizer {
  const settings = bundle.manifest.features as unknown as OpaqueFeatureSettings;
  const featurizer = new OpaqueFeaturizer(settings);
  if (featurizer.inputSize !== settings.inputSize) {
    throw new BundleError(
      bundle.manifest.id,
      `the opaque feature lists make ${featurizer.inputSize} inputs, but the manifest's ` +
        `features.inputSize is ${settings.inputSize}. Retrain the bundle.`,
    );
  }
  return featurizer;
}
