import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../src/core/diff/index.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import type { Scorer } from '../../src/core/model/types.ts';
import { isStale, parseNotebook, recheckNotebook } from '../../src/core/notebook/index.ts';
import { readBundleDir } from '../../src/node/bundleFiles.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';

const PROJECT_ROOT = join(import.meta.dirname, '..', '..');
const EXAMPLES = ['loop-work', 'counterfactuals', 'fooled'];

const scorers = new Map<string, Promise<Scorer | null>>();

/** Loads an installed bundle once; null when models/<id> is missing. */
function installed(modelId: string): Promise<Scorer | null> {
  let scorer = scorers.get(modelId);
  if (scorer === undefined) {
    const dir = join(PROJECT_ROOT, 'models', modelId);
    scorer = existsSync(join(dir, 'manifest.json'))
      ? setupTfjsBackend('wasm').then(async () => loadScorer(await readBundleDir(dir)))
      : Promise.resolve(null);
    scorers.set(modelId, scorer);
  }
  return scorer;
}

describe('example notebooks', () => {
  afterAll(async () => {
    for (const scorer of scorers.values()) (await scorer)?.dispose();
  });

  for (const name of EXAMPLES) {
    const text = readFileSync(join(PROJECT_ROOT, 'notebooks', `${name}.perflens.json`), 'utf8');

    it(`${name} parses at the current version`, () => {
      expect(parseNotebook(text).version).toBe(2);
    });

    it(`${name} reproduces with installed models`, async () => {
      const notebook = parseNotebook(text);
      const findings = await recheckNotebook(notebook, {
        bundleHash: async (modelId) => (await installed(modelId))?.bundleHash ?? null,
        score: async (modelId, diff) =>
          (await (await installed(modelId))!.score(parsePatch(diff))).probability,
      });

      // A retrained bundle changes scores; then re-run notebooks/build-examples.ts.
      const stale = findings.filter(isStale).filter((finding) => finding.status !== 'model-missing');
      expect(stale.map((finding) => finding.message)).toEqual([]);
    });
  }
});
