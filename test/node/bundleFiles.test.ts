import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { readBundleDir, writeBundleDir } from '../../src/node/bundleFiles.ts';
import { buildTinyBundle } from '../core/model/tinyBundle.ts';

const dir = mkdtempSync(join(tmpdir(), 'perflens-bundle-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundle folders', () => {
  it('round-trip through write and read', async () => {
    const bundle = await buildTinyBundle();
    writeBundleDir(dir, bundle);
    const read = await readBundleDir(dir);
    expect(read.manifest).toEqual(bundle.manifest);
    for (const [name, bytes] of bundle.files) {
      expect(Buffer.from(read.files.get(name)!).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it('ignore files the manifest omits', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'not part of the bundle');
    const read = await readBundleDir(dir);
    expect(read.files.has('notes.txt')).toBe(false);
  });

  it('report a corrupted file on disk', async () => {
    const path = join(dir, 'vocabulary.json');
    const original = readFileSync(path);
    writeFileSync(path, original.toString('utf8').replace('"return"', '"retvrn"'));
    await expect(readBundleDir(dir)).rejects.toThrow(
      `Model bundle 'tiny-bow' in ${dir}: file vocabulary.json has sha256`,
    );
    writeFileSync(path, original);
  });

  it('report a folder without manifest', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'perflens-empty-'));
    await expect(readBundleDir(empty)).rejects.toThrow(
      `Model bundle folder ${empty} has no manifest.json.`,
    );
    rmSync(empty, { recursive: true, force: true });
  });
});
