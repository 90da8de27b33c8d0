/** Model bundles on disk: one folder per model under `models/`, each with a manifest.json. */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';

import { parseManifest } from '../core/model/manifest.ts';
import type { BundleManifest } from '../core/model/types.ts';
import { HostError, type ModelSummary } from './api.ts';
import { isInside } from './notebookFiles.ts';

const MANIFEST_FILE = 'manifest.json';

/** Model ids are folder names: letters, digits, dot, dash and underscore, not starting a dot. */
const MODEL_ID_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** Bundle file names are plain names inside the bundle folder, never paths. */
const FILE_NAME_PATTERN = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Lists every folder of `modelsDir` that contains a manifest.json, sorted by id. A bundle whose
 * manifest is invalid is listed with `manifest: null` and its `error`, so one broken bundle
 * does not hide the others.
 */
export async function listModelBundles(modelsDir: string): Promise<ModelSummary[]> {
  let entries;
  try {
    entries = await readdir(modelsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }

  const summaries: ModelSummary[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !MODEL_ID_PATTERN.test(entry.name)) continue;

    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(modelsDir, entry.name, MANIFEST_FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    summaries.push(summarizeBundle(entry.name, bytes));
  }

  return summaries.sort((a, b) => a.id.localeCompare(b.id));
}

function summarizeBundle(id: string, manifestBytes: Uint8Array): ModelSummary {
  const bundleHash = sha256Hex(manifestBytes);
  try {
    const manifest = parseManifest(manifestBytes);
    if (manifest.id !== id) {
      return {
        id,
        manifest: null,
        bundleHash,
        error:
          `Model bundle '${id}': manifest id is '${manifest.id}' but the folder is ` +
          `models/${id}. Rename the folder to models/${manifest.id} or fix the manifest id.`,
      };
    }
    return { id, manifest, bundleHash };
  } catch (error) {
    // parseManifest names the bundle 'unknown' when the manifest has no id; the folder is known.
    const message = (error as Error).message.replace(
      "Model bundle 'unknown'",
      `Model bundle '${id}'`,
    );
    return { id, manifest: null, bundleHash, error: message };
  }
}

/**
 * Reads one file of a bundle: `manifest.json` or a file its manifest lists. Rejects ids and
 * names that are not plain names, unknown models, unlisted files, and files whose sha256
 * differs from the manifest's. Raises HostError.
 */
export async function readBundleFile(
  modelsDir: string,
  modelId: string,
  fileName: string,
): Promise<Uint8Array> {
  if (!MODEL_ID_PATTERN.test(modelId)) {
    throw new HostError(
      `Invalid model id ${JSON.stringify(modelId)}: use a folder name under models/.`,
      'invalid',
    );
  }
  if (!FILE_NAME_PATTERN.test(fileName)) {
    throw new HostError(
      `Invalid bundle file name ${JSON.stringify(fileName)}: use a file name that ` +
        `models/${modelId}/manifest.json lists, without folders.`,
      'invalid',
    );
  }

  const bundleDir = join(modelsDir, modelId);
  const manifestBytes = await readInside(bundleDir, MANIFEST_FILE, () =>
    new HostError(
      `Model '${modelId}' not found: models/${modelId}/manifest.json is missing.`,
      'not-found',
    ),
  );
  if (fileName === MANIFEST_FILE) return manifestBytes;

  const manifest = validManifest(modelId, manifestBytes);
  const expectedHash = manifest.files[fileName];
  if (expectedHash === undefined) {
    throw new HostError(
      `File '${fileName}' is not part of model '${modelId}': its manifest lists ` +
        `${Object.keys(manifest.files).join(', ')}.`,
      'forbidden',
    );
  }

  const bytes = await readInside(bundleDir, fileName, () =>
    new HostError(
      `File models/${modelId}/${fileName} is missing although the manifest lists it. ` +
        'Re-download or retrain the bundle.',
      'not-found',
    ),
  );
  const actualHash = sha256Hex(bytes);
  if (actualHash !== expectedHash) {
    throw new HostError(
      `File models/${modelId}/${fileName} has sha256 ${actualHash}, but the manifest lists ` +
        `${expectedHash}. The bundle is damaged or was edited; re-download or retrain it.`,
      'invalid',
    );
  }
  return bytes;
}

function validManifest(modelId: string, manifestBytes: Uint8Array): BundleManifest {
  const summary = summarizeBundle(modelId, manifestBytes);
  if (summary.manifest === null) {
    throw new HostError(summary.error ?? `Model '${modelId}' has an invalid manifest.`, 'invalid');
  }
  return summary.manifest;
}

/** Reads `dir/name`, rejecting a symbolic link that leads outside `dir`. */
async function readInside(
  dir: string,
  name: string,
  notFound: () => HostError,
): Promise<Uint8Array> {
  let realDir: string;
  let realFile: string;
  try {
    realDir = await realpath(dir);
    realFile = await realpath(join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
    throw error;
  }

  if (!isInside(realDir, realFile)) {
    throw new HostError(`File ${join(dir, name)} links outside its bundle folder.`, 'forbidden');
  }
  return new Uint8Array(await readFile(realFile));
}
