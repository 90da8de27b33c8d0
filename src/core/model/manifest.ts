/** Parsing and field checks of a bundle's `manifest.json`. */
import { MANIFEST_FORMAT_VERSION, type BundleManifest } from './types.ts';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Error about one model bundle, whose message names the bundle, the value and the fix. `folder`
 * is the bundle's folder when the reader knows it, because the core reads bytes, not folders.
 */
export class BundleError extends Error {
  override readonly name = 'BundleError';

  constructor(
    readonly bundleId: string,
    readonly detail: string,
    readonly folder?: string,
  ) {
    super(`${bundleLabel(bundleId, folder)}: ${detail}`);
  }

  /** Returns the same error with the bundle's folder in its message. */
  inFolder(folder: string): BundleError {
    return new BundleError(this.bundleId, this.detail, folder);
  }
}

/** The id used when a manifest is unreadable or has no id. */
const UNKNOWN_ID = 'unknown';

function bundleLabel(bundleId: string, folder: string | undefined): string {
  if (folder === undefined) return `Model bundle '${bundleId}'`;
  if (bundleId === UNKNOWN_ID) return `Model bundle ${folder}`;
  return `Model bundle '${bundleId}' in ${folder}`;
}

type Check = [field: string, valid: (value: unknown) => boolean, expected: string];

const isString = (value: unknown) => typeof value === 'string' && value !== '';
const isObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const REQUIRED_FIELDS: Check[] = [
  ['id', isString, 'a non-empty string'],
  ['family', isString, 'a model family such as "bow"'],
  ['version', isString, 'a semver string'],
  ['description', (value) => typeof value === 'string', 'a string'],
  [
    'threshold',
    (value) => typeof value === 'number' && value >= 0 && value <= 1,
    'a probability in [0, 1]',
  ],
  ['features', isObject, 'an object of featurizer settings'],
  ['modelFile', isString, 'the name of the tfjs model file, such as "model.json"'],
  ['training', isObject, 'an object describing the training run'],
  ['metrics', isObject, 'an object of metrics by split'],
  ['files', isObject, 'an object mapping file names to sha256 hex digests'],
];

/** Parses manifest bytes and checks the format version and every required field. */
export function parseManifest(manifestBytes: Uint8Array): BundleManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch (error) {
    throw new BundleError(
      UNKNOWN_ID,
      `manifest.json is not valid JSON (${(error as Error).message}). ` +
        'Re-download or retrain the bundle.',
    );
  }
  if (!isObject(parsed)) {
    throw new BundleError(UNKNOWN_ID, 'manifest.json must contain a JSON object.');
  }

  const fields = parsed as Record<string, unknown>;
  const id = typeof fields.id === 'string' && fields.id !== '' ? fields.id : UNKNOWN_ID;
  if (fields.formatVersion !== MANIFEST_FORMAT_VERSION) {
    throw new BundleError(
      id,
      `manifest formatVersion is ${JSON.stringify(fields.formatVersion)}, but this PerfLens ` +
        `reads version ${MANIFEST_FORMAT_VERSION}. Retrain the bundle with this PerfLens ` +
        'version, or open it with the PerfLens version that wrote it.',
    );
  }

  for (const [field, valid, expected] of REQUIRED_FIELDS) {
    if (!valid(fields[field])) {
      throw new BundleError(
        id,
        `manifest field '${field}' is ${JSON.stringify(fields[field]) ?? 'missing'}; ` +
          `expected ${expected}. Re-download or retrain the bundle.`,
      );
    }
  }

  const manifest = parsed as BundleManifest;
  for (const [name, digest] of Object.entries(manifest.files)) {
    if (typeof digest !== 'string' || !SHA256_HEX.test(digest)) {
      throw new BundleError(
        id,
        `manifest lists file ${name} with sha256 ${JSON.stringify(digest)}; expected 64 ` +
          'lowercase hex digits. Re-download or retrain the bundle.',
      );
    }
  }
  if (!(manifest.modelFile in manifest.files)) {
    throw new BundleError(
      id,
      `manifest modelFile ${manifest.modelFile} is not listed in its files. ` +
        'Re-download or retrain the bundle.',
    );
  }
  return manifest;
}
