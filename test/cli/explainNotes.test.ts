import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { writeBundleDir } from '../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { handBuiltBundle, SLEEP_BLOCK_DIFF } from '../core/explain/handBuiltBow.ts';
import { perflens } from './runPerflens.ts';

const dir = mkdtempSync(join(tmpdir(), 'perflens-explain-notes-'));
const bundleDir = join(dir, 'hand-built-bow');
const diffPath = join(dir, 'sleep-block.diff');

beforeAll(async () => {
  await setupTfjsBackend();
  writeBundleDir(bundleDir, await handBuiltBundle());
  writeFileSync(diffPath, SLEEP_BLOCK_DIFF);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflens explain notes', () => {
  test('JSON run prints progress', async () => {
    const args = ['explain', diffPath, '--model', bundleDir, '--json', '--counterfactuals', '1'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stderr).toMatch(/^explain: occlusion done in \d+\.\d s: 11 of 11 items/m);
    expect(result.stderr).toMatch(/^explain: integrated gradients done in /m);
    expect(result.stderr).toMatch(/^explain: counterfactual search done in /m);
  });

  test('text run names the read limit', async () => {
    const longDiff = join(PROJECT_ROOT, 'test', 'fixtures', 'explain', 'list-view-cache.diff');
    const transformerDir = join(PROJECT_ROOT, 'models', 'transformer');
    const args = ['explain', longDiff, '--model', transformerDir, '--budget-ms', '500'];

    const result = await perflens(args);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^input: the model reads the diff up to patch line 21 only/m);
  });

  test('call sites with hunk drops warn', async () => {
    const args = ['explain', diffPath, '--model', bundleDir, '--kinds', 'drop-hunk'];

    const result = await perflens([...args, '--call-sites', '--budget-ms', '500']);

    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'explain: warning: --call-sites rejects hunk drops, so with --kinds drop-hunk the search ' +
        'has no edit sites.',
    );
  });

  test('size baseline explains missing parts', async () => {
    const model = join(PROJECT_ROOT, 'models', 'size-baseline');

    const result = await perflens(['explain', diffPath, '--model', model, '--budget-ms', '500']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^token occlusion: skipped, because the size-baseline model reads no tokens, only the /m,
    );
    expect(result.stdout).toMatch(/^line occlusion: top \d+ of \d+/m);
    expect(result.stdout).toMatch(
      /^integrated gradients: not available for the size-baseline family, because it reads /m,
    );
  });
});
