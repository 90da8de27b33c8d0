/**
 * Verification of a model bundle read into memory: the manifest's fields, the sha256 of every
 * file it lists, and the model's input size against the manifest's featurizer settings.
 */
import { BundleError, parseManifest } from './manifest.ts';
import { sha256Hex } from './sha256.ts';
import type { BundleBytes, BundleManifest } from './types.ts';

/**
 * Parses and checks a bundle. Returns the manifest with only the files it lists; other files
 * in `files` are ignored. Throws BundleError naming the failing file and the fix.
 */
export async function verifyBundle(
  manifestBytes: Uint8Array,
  files: Map<string, Uint8Array>,
): Promise<BundleBytes> {
  const manifest = parseManifest(manifestBytes);
  const verified = new Map<string, Uint8Array>();

  for (const [name, expected] of Object.entries(manifest.files)) {
    const bytes = files.get(name);
    if (bytes === undefined) {
      throw new BundleError(
        manifest.id,
        `file ${name} is missing, but the manifest lists it. ` +
          'Re-download or retrain the bundle.',
      );
    }

    const actual = await sha256Hex(bytes);
    if (actual !== expected) {
      throw new BundleError(
        manifest.id,
        `file ${name} has sha256 ${actual.slice(0, 12)}..., manifest expects ` +
          `${expected.slice(0, 12)}... The file is corrupt or from another version; ` +
          're-download or retrain the bundle.',
      );
    }
    verified.set(name, bytes);
  }

  checkModelInputSize(manifest, verified);
  return { manifest, files: verified, manifestSha256: await sha256Hex(manifestBytes) };
}

/** Reads a bundle file as UTF-8 JSON, naming the file when it is missing or invalid. */
export function readBundleJson(bundle: BundleBytes, name: string): unknown {
  const bytes = bundle.files.get(name);
  if (bytes === undefined) {
    throw new BundleError(
      bundle.manifest.id,
      `file ${name} is missing. Re-download or retrain the bundle.`,
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new BundleError(
      bundle.manifest.id,
      `file ${name} is not valid JSON (${(error as Error).message}). ` +
        'Re-download or retrain the bundle.',
    );
  }
}

/**
 * Compares `features.inputSize` of the manifest, when it sets one, with the feature size of
 * the model's first input (the last entry of its `batch_input_shape`).
 */
function checkModelInputSize(manifest: BundleManifest, files: Map<string, Uint8Array>): void {
  const expected = manifest.features.inputSize;
  if (typeof expected !== 'number') return;

  const modelJson = readBundleJson({ manifest, files }, manifest.modelFile);
  const shape = findBatchInputShape(modelJson);
  const actual = shape?.[shape.length - 1];
  if (actual !== expected) {
    throw new BundleError(
      manifest.id,
      `${manifest.modelFile} takes ${actual ?? 'an unknown number of'} input features, but ` +
        `the manifest's features.inputSize is ${expected}. The manifest and the model come ` +
        'from different training runs; retrain the bundle.',
    );
  }
}

/** Finds the first `batch_input_shape` in a Keras-style model topology (depth first). */
function findBatchInputShape(node: unknown): (number | null)[] | null {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findBatchInputShape(item);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof node !== 'object' || node === null) return null;

  const record = node as Record<string, unknown>;
  const shape = record.batch_input_shape ?? record.batchInputShape;
  if (Array.isArray(shape)) return shape as (number | null)[];
  for (const value of Object.values(record)) {
    const found = findBatchInputShape(value);
    if (found !== null) return found;
  }
  return null;
}
