import { beforeAll, describe, expect, it } from 'vitest';

import { verifyBundle } from '../../../src/core/model/bundle.ts';
import type { BundleBytes } from '../../../src/core/model/types.ts';
import { buildTinyBundle, manifestBytes } from './tinyBundle.ts';

let bundle: BundleBytes;

beforeAll(async () => {
  bundle = await buildTinyBundle();
});

/** Returns a copy of the bundle's files with one file replaced or removed. */
function filesWith(name: string, bytes: Uint8Array | null): Map<string, Uint8Array> {
  const files = new Map(bundle.files);
  if (bytes === null) files.delete(name);
  else files.set(name, bytes);
  return files;
}

describe('verifyBundle', () => {
  it('accepts an intact bundle', async () => {
    const verified = await verifyBundle(manifestBytes(bundle.manifest), bundle.files);
    expect(verified.manifest.id).toBe('tiny-bow');
    expect([...verified.files.keys()].sort()).toEqual([
      'model.json',
      'vocabulary.json',
      'weights.bin',
    ]);
    expect(verified.manifestSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects a corrupt byte', async () => {
    const weights = bundle.files.get('weights.bin')!.slice();
    weights[3] = weights[3]! ^ 0xff;
    const files = filesWith('weights.bin', weights);
    const promise = verifyBundle(manifestBytes(bundle.manifest), files);
    const error = (await promise.catch((reason: unknown) => reason)) as Error;
    expect(error.message).toMatch(
      /^Model bundle 'tiny-bow': file weights\.bin has sha256 [0-9a-f]{12}\.\.\., /,
    );
    expect(error.message).toMatch(/manifest expects [0-9a-f]{12}\.\.\. /);
    expect(error.message).toMatch(
      /The file is corrupt or from another version; re-download or retrain the bundle\.$/,
    );
  });

  it('rejects a missing file', async () => {
    const files = filesWith('vocabulary.json', null);
    await expect(verifyBundle(manifestBytes(bundle.manifest), files)).rejects.toThrow(
      "Model bundle 'tiny-bow': file vocabulary.json is missing, but the manifest lists it.",
    );
  });

  it('rejects another format version', async () => {
    const manifest = { ...bundle.manifest, formatVersion: 2 };
    await expect(verifyBundle(manifestBytes(manifest), bundle.files)).rejects.toThrow(
      "Model bundle 'tiny-bow': manifest formatVersion is 2, but this PerfLens reads version 1.",
    );
  });

  it('rejects a mismatched input size', async () => {
    const features = { ...bundle.manifest.features, inputSize: 9 };
    const manifest = { ...bundle.manifest, features };
    await expect(verifyBundle(manifestBytes(manifest), bundle.files)).rejects.toThrow(
      "Model bundle 'tiny-bow': model.json takes 8 input features, but the manifest's " +
        'features.inputSize is 9.',
    );
  });

  it('rejects a missing required field', async () => {
    const { threshold: _threshold, ...manifest } = bundle.manifest;
    await expect(verifyBundle(manifestBytes(manifest), bundle.files)).rejects.toThrow(
      "manifest field 'threshold' is missing; expected a probability in [0, 1].",
    );
  });

  it('rejects manifest bytes that are not JSON', async () => {
    const bytes = new TextEncoder().encode('{"id": "tiny-bow",');
    await expect(verifyBundle(bytes, bundle.files)).rejects.toThrow(
      "Model bundle 'unknown': manifest.json is not valid JSON",
    );
  });
});
