/** Reads a model bundle folder into verified BundleBytes and writes bundle folders. */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import { verifyBundle } from '../core/model/bundle.ts';
import { BundleError } from '../core/model/manifest.ts';
import { sha256Hex } from '../core/model/sha256.ts';
import type { BundleBytes, BundleManifest } from '../core/model/types.ts';

export const MANIFEST_FILE = 'manifest.json';
export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Reads `manifest.json` and every file it lists from a bundle folder and verifies them.
 * Files the manifest does not list are not read.
 */
export async function readBundleDir(dir: string): Promise<BundleBytes> {
  const folder = resolve(dir);
  if (!existsSync(folder)) {
    throw new Error(
      `Model bundle folder ${folder} not found. Pass a folder written by \`perflens train\`, ` +
        'such as models/bow.',
    );
  }
  if (!statSync(folder).isDirectory()) {
    const parent = dirname(folder);
    const fix = existsSync(join(parent, MANIFEST_FILE))
      ? `Pass its folder ${parent} instead.`
      : `Pass the bundle folder that contains ${MANIFEST_FILE}.`;
    throw new Error(`Model bundle path ${folder} is a file, not a folder. ${fix}`);
  }

  const manifestPath = join(folder, MANIFEST_FILE);
  if (!existsSync(manifestPath)) {
    throw new Error(
      `Model bundle folder ${folder} has no ${MANIFEST_FILE}. Pass a folder written by ` +
        '`perflens train`, such as models/bow.',
    );
  }

  const manifestBytes = new Uint8Array(readFileSync(manifestPath));
  const files = new Map<string, Uint8Array>();
  for (const name of listedFiles(manifestBytes)) {
    // Names come from the manifest, so reject any that would leave the folder.
    if (name.includes('/') || name.includes('\\') || name === '..' || name === '.') continue;
    const path = join(folder, name);
    if (existsSync(path)) files.set(name, new Uint8Array(readFileSync(path)));
  }
  try {
    return await verifyBundle(manifestBytes, files);
  } catch (error) {
    throw error instanceof BundleError ? error.inFolder(folder) : error;
  }
}

/** Returns the file names a manifest lists, or none when it is invalid (verify reports that). */
function listedFiles(manifestBytes: Uint8Array): string[] {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(manifestBytes)) as { files?: unknown };
    const files = parsed.files;
    return typeof files === 'object' && files !== null ? Object.keys(files) : [];
  } catch {
    return [];
  }
}

/** Serializes a Layers model to `model.json` text and one weights file. */
export async function serializeModel(
  model: tf.LayersModel,
): Promise<{ modelJson: string; weights: Uint8Array }> {
  let saved: { modelJson: string; weights: Uint8Array } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData;
      if (weightData === undefined || Array.isArray(weightData)) {
        throw new Error('tfjs returned no single weight buffer while saving the model.');
      }
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
      };
      saved = { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(weightData) };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === null) throw new Error('tfjs did not call the save handler.');
  return saved;
}

export type BundleDraft = Omit<BundleManifest, 'files' | 'modelFile'>;

/**
 * Assembles a bundle in memory: model.json, weights.bin and the extra files (vocabulary,
 * CARD.md...), with the manifest listing the sha256 of each. Nothing is written.
 */
export async function assembleBundle(
  draft: BundleDraft,
  model: tf.LayersModel,
  extraFiles: Map<string, string | Uint8Array>,
): Promise<BundleBytes> {
  const { modelJson, weights } = await serializeModel(model);
  const contents = new Map<string, Uint8Array>([
    [MODEL_FILE, new TextEncoder().encode(modelJson)],
    [WEIGHTS_FILE, weights],
  ]);
  for (const [name, content] of extraFiles) {
    contents.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  const files: Record<string, string> = {};
  for (const name of [...contents.keys()].sort()) {
    files[name] = await sha256Hex(contents.get(name)!);
  }
  return { manifest: { ...draft, modelFile: MODEL_FILE, files }, files: contents };
}

/** Writes every bundle file and manifest.json last, so a partly written folder fails to verify. */
export function writeBundleDir(dir: string, bundle: BundleBytes): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of bundle.files) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(bundle.manifest, null, 2) + '\n');
}
