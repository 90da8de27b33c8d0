/**
 * Loads a verified bundle into a Scorer. Families plug in through the registries of
 * registry.ts; importing this module registers the built-in families (families.ts).
 */
import * as tf from '@tensorflow/tfjs';

import type { Patch } from '../diff/types.ts';
import './families.ts';
import { BundleError } from './manifest.ts';
import { loadLayersModelFromBundle } from './memoryModel.ts';
import {
  featurizerFactoryFor,
  registeredFamilies,
  scorerFactoryFor,
  type Featurizer,
} from './registry.ts';
import { sha256Hex } from './sha256.ts';
import { timedScore } from './timedScore.ts';
import type { BundleBytes, BundleManifest, ChangeMetadata, Scorer, ScoreResult } from './types.ts';

/** Creates the featurizer of a bundle's family, or throws naming the known families. */
export function createFeaturizer(bundle: BundleBytes): Featurizer {
  const { manifest } = bundle;
  const factory = featurizerFactoryFor(manifest.family);
  if (factory === undefined) {
    throw new BundleError(
      manifest.id,
      `family '${manifest.family}' has no featurizer in this PerfLens (known families: ` +
        `${registeredFamilies().join(', ')}). Update PerfLens or pick another model.`,
    );
  }
  return factory(bundle);
}

/** Loads a bundle (already checked by verifyBundle) on the active tfjs backend. */
export async function loadScorer(bundle: BundleBytes): Promise<Scorer> {
  const custom = scorerFactoryFor(bundle.manifest.family);
  if (custom !== undefined) return custom(bundle);

  const featurizer = createFeaturizer(bundle);
  const model = await loadLayersModelFromBundle(bundle);
  const modelInputSize = model.inputs[0]?.shape[1];
  if (modelInputSize !== featurizer.inputSize) {
    model.dispose();
    throw new BundleError(
      bundle.manifest.id,
      `${bundle.manifest.modelFile} takes ${modelInputSize} input features, but the ` +
        `${bundle.manifest.family} featurizer makes ${featurizer.inputSize}. The feature ` +
        'files and the model come from different training runs; retrain the bundle.',
    );
  }

  const bundleHash =
    bundle.manifestSha256 ??
    (await sha256Hex(new TextEncoder().encode(JSON.stringify(bundle.manifest))));
  return new DenseScorer(bundle.manifest, bundleHash, model, featurizer);
}

/** Scorer for models that map one dense feature row to one probability. */
export class DenseScorer implements Scorer {
  constructor(
    readonly manifest: BundleManifest,
    readonly bundleHash: string,
    readonly model: tf.LayersModel,
    readonly featurizer: Featurizer,
  ) {}

  score(patch: Patch, metadata?: ChangeMetadata): Promise<ScoreResult> {
    return timedScore(
      this.manifest.threshold,
      () => this.featurizer.featurize([patch], [metadata]),
      async (features) => (await this.predict(features, 1))[0]!,
    );
  }

  async scoreBatch(patches: Patch[], metadata?: ChangeMetadata[]): Promise<number[]> {
    if (metadata !== undefined && metadata.length !== patches.length) {
      throw new Error(
        `scoreBatch got ${patches.length} patches and ${metadata.length} metadata entries; ` +
          'pass one metadata entry per patch or none.',
      );
    }
    if (patches.length === 0) return [];
    return this.predict(this.featurizer.featurize(patches, metadata), patches.length);
  }

  /** Runs the model on row-major features; returns one probability per row. */
  async predict(features: Float32Array, rows: number): Promise<number[]> {
    const output = tf.tidy(() => {
      const input = tf.tensor2d(features, [rows, this.featurizer.inputSize]);
      return this.model.predict(input) as tf.Tensor;
    });
    try {
      return Array.from(await output.data());
    } finally {
      output.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
