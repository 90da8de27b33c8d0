import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, test } from 'vitest';

import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { perflensWithClosedStdout } from './runPerflens.ts';

const dir = mkdtempSync(join(tmpdir(), 'perflens-epipe-'));
const diffPath = join(dir, 'loop.diff');
writeFileSync(
  diffPath,
  [
    'diff --git a/src/loop.js b/src/loop.js',
    '--- a/src/loop.js',
    '+++ b/src/loop.js',
    '@@ -1,2 +1,3 @@',
    ' function total(items) {',
    '+  items.forEach((item) => JSON.parse(JSON.stringify(item)));',
    '   return items.length;',
    '',
  ].join('\n'),
);
const bowDir = join(PROJECT_ROOT, 'models', 'bow');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('perflens with closed stdout', () => {
  test('score exits 0 without EPIPE', async () => {
    const result = await perflensWithClosedStdout(['score', diffPath, '--model', bowDir]);

    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE/);
    expect(result.stderr.length).toBeLessThan(1000);
  });
});
