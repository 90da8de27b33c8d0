import { join } from 'node:path';

import { describe, expect, test } from 'vitest';

import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { perflensWithClosedStdout } from './runPerflens.ts';

const diffPath = join(PROJECT_ROOT, 'test', 'fixtures', 'cli', 'loop.diff');
const bowDir = join(PROJECT_ROOT, 'models', 'bow');

describe('perflens with closed stdout', () => {
  test('score exits 0 without EPIPE', async () => {
    const result = await perflensWithClosedStdout(['score', diffPath, '--model', bowDir]);

    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE/);
    expect(result.stderr.length).toBeLessThan(1000);
  });
});
