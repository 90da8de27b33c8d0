import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { loadModel } from '../../src/cli/load.ts';
import { writeBundleDir } from '../../src/node/bundleFiles.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { buildTinyBundle } from '../core/model/tinyBundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'perflens-model-errors-'));
const goodDir = join(dir, 'good');

beforeAll(async () => {
  await setupTfjsBackend();
  writeBundleDir(goodDir, await buildTinyBundle());
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Returns the message that loadModel rejects with, or null when it loads. */
async function loadError(folder: string): Promise<string | null> {
  try {
    const { scorer } = await loadModel(folder);
    scorer.dispose();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Writes a tiny bundle whose manifest is what `change` returns; `change` may replace files. */
async function brokenBundle(
  name: string,
  change: (files: Map<string, Uint8Array>, manifest: Record<string, unknown>) => Uint8Array,
): Promise<string> {
  const bundle = await buildTinyBundle();
  const folder = join(dir, name);
  writeBundleDir(folder, bundle);
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
  writeFileSync(join(folder, 'manifest.json'), change(bundle.files, manifest));
  for (const [file, bytes] of bundle.files) writeFileSync(join(folder, file), bytes);
  return folder;
}

describe('loadModel errors', () => {
  test('invalid manifest names folder', async () => {
    const folder = await brokenBundle('bad-manifest', () => new TextEncoder().encode('{ id: '));

    const message = await loadError(folder);

    expect(message).toMatch(/manifest\.json is not valid JSON/);
    expect(message).toContain(`Model bundle ${folder}: `);
    expect(message).not.toContain("'unknown'");
  });

  test('missing folder is not found', async () => {
    const folder = join(dir, 'no-such-model');

    const message = await loadError(folder);

    expect(message).toBe(
      `Model bundle folder ${folder} not found. Pass a folder written by \`perflens train\`, ` +
        'such as models/bow.',
    );
  });

  test('file path is not a folder', async () => {
    const file = join(goodDir, 'model.json');

    const message = await loadError(file);

    expect(message).toBe(
      `Model bundle path ${file} is a file, not a folder. Pass its folder ${goodDir} instead.`,
    );
  });

  test('short weights name bundle file', async () => {
    const folder = await brokenBundle('short-weights', (files, manifest) => {
      // Cut the weights short and update their hash, so only tfjs can notice.
      const weights = files.get('weights.bin')!.slice(0, 8);
      files.set('weights.bin', weights);
      const hashes = manifest.files as Record<string, string>;
      hashes['weights.bin'] = createHash('sha256').update(weights).digest('hex');
      return new TextEncoder().encode(JSON.stringify(manifest));
    });

    const message = await loadError(folder);

    expect(message).toContain(`Model bundle 'tiny-bow' in ${folder}: `);
    expect(message).toContain('model.json and its weight file weights.bin failed to load');
    expect(message).toMatch(/The bundle is corrupt or from another PerfLens version/);
    expect(message).toMatch(/re-download or retrain the bundle\.$/);
  });

  test('corrupt file names folder', async () => {
    const folder = join(dir, 'corrupt');
    writeBundleDir(folder, await buildTinyBundle());
    writeFileSync(join(folder, 'vocabulary.json'), '{}');

    const message = await loadError(folder);

    expect(message).toContain(`Model bundle 'tiny-bow' in ${folder}: file vocabulary.json`);
  });
});
