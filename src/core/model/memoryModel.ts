/**
 * Loads a tfjs Layers model from bundle bytes through an in-memory IOHandler, so no file:// or
 * URL fetch happens in Node, the page or a worker.
 */
import * as tf from '@tensorflow/tfjs';

import { BundleError } from './manifest.ts';
import { readBundleJson } from './bundle.ts';
import type { BundleBytes } from './types.ts';

interface ModelJson {
  modelTopology: object;
  weightsManifest: tf.io.WeightsManifestConfig;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
}

/** Builds model artifacts from the bundle's model.json and the weight files it names. */
export function modelArtifactsFromBundle(bundle: BundleBytes): tf.io.ModelArtifacts {
  const { manifest } = bundle;
  const modelJson = readBundleJson(bundle, manifest.modelFile) as Partial<ModelJson>;
  if (typeof modelJson.modelTopology !== 'object' || !Array.isArray(modelJson.weightsManifest)) {
    throw new BundleError(
      manifest.id,
      `${manifest.modelFile} lacks modelTopology or weightsManifest; it is not a tfjs Layers ` +
        'model.json. Retrain the bundle.',
    );
  }

  const weightSpecs: tf.io.WeightsManifestEntry[] = [];
  const chunks: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const path of group.paths) {
      const bytes = bundle.files.get(path);
      if (bytes === undefined) {
        throw new BundleError(
          manifest.id,
          `weight file ${path} named by ${manifest.modelFile} is missing from the bundle. ` +
            'Re-download or retrain the bundle.',
        );
      }
      chunks.push(bytes);
    }
  }

  const total = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const weightData = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    weightData.set(chunk, offset);
    offset += chunk.byteLength;
  }

  return {
    modelTopology: modelJson.modelTopology,
    weightSpecs,
    weightData: weightData.buffer,
    format: modelJson.format,
    generatedBy: modelJson.generatedBy,
    convertedBy: modelJson.convertedBy ?? null,
  };
}

/**
 * Loads the bundle's Layers model on the active tfjs backend. A tfjs error, such as weights
 * shorter than the shapes in model.json, raises a BundleError naming the model and weight files.
 */
export async function loadLayersModelFromBundle(bundle: BundleBytes): Promise<tf.LayersModel> {
  const artifacts = modelArtifactsFromBundle(bundle);
  const handler: tf.io.IOHandler = { load: async () => artifacts };
  try {
    return await tf.loadLayersModel(handler);
  } catch (error) {
    const { manifest } = bundle;
    const modelJson = readBundleJson(bundle, manifest.modelFile) as ModelJson;
    const weightFiles = modelJson.weightsManifest.flatMap((group) => group.paths).join(', ');
    throw new BundleError(
      manifest.id,
      `${manifest.modelFile} and its weight file ${weightFiles} failed to load in tfjs ` +
        `(${(error as Error).message}). The bundle is corrupt or from another PerfLens ` +
        'version; re-download or retrain the bundle.',
    );
  }
}
