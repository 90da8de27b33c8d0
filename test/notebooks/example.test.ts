import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../src/core/diff/index.ts';
import { parseNotebook, type DiffCell } from '../../src/core/notebook/index.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
const text = readFileSync(join(PROJECT_ROOT, 'notebooks', 'example.perflens.json'), 'utf8');

describe('example notebook', () => {
  const notebook = parseNotebook(text);
  const cell = notebook.cells.find((candidate): candidate is DiffCell => candidate.type === 'diff');

  it('parses at the current version', () => {
    expect(cell?.model.id).toBe('bow');
  });

  it('contains a multi-file diff', () => {
    const patch = parsePatch(cell!.diff);
    const hunks = patch.files.reduce((sum, file) => sum + file.hunks.length, 0);
    expect(patch.files.length).toBeGreaterThanOrEqual(3);
    expect(hunks).toBeGreaterThanOrEqual(4);
  });

  it('pins the shipped bow bundle', () => {
    const manifest = readFileSync(join(PROJECT_ROOT, 'models', 'bow', 'manifest.json'));
    const installed = createHash('sha256').update(manifest).digest('hex');
    expect(
      cell!.model.bundleHash,
      'models/bow changed; run `npx tsx scripts/pin-example-notebook.ts` to re-pin the example',
    ).toBe(installed);
  });
});
