import { join } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import { asDifferentiableScorer } from '../../../src/core/model/bowGradients.ts';
import { defaultReplacementProvider } from '../../../src/core/explain/searchSites.ts';
import { hasReplacementProvider } from '../../../src/core/explain/replacements.ts';
import { parsePatch } from '../../../src/core/diff/parse.ts';
import { applyEdit } from '../../../src/core/explain/applyEdits.ts';
import { enumerateEditSites } from '../../../src/core/explain/sites.ts';
import {
  hasGradientAccess,
  replacementSource,
  tokenFreeInputs,
} from '../../../src/core/model/capabilities.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import { readBundleDir } from '../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';

const SHIPPED_MODELS = ['bow', 'opaque', 'size-baseline', 'transformer', 'superperforator'];

/** A short diff whose added lines have several tokens each. */
const TOKEN_DIFF = [
  'diff --git a/src/cache.js b/src/cache.js',
  '--- a/src/cache.js',
  '+++ b/src/cache.js',
  '@@ -1,2 +1,3 @@',
  ' export function lookup(map, key) {',
  '+  const sorted = Array.from(map.keys()).sort();',
  '   return map.get(key);',
  '',
].join('\n');

beforeAll(async () => {
  await setupTfjsBackend();
});

describe('model capabilities', () => {
  test.each(SHIPPED_MODELS)('gradient access matches %s scorer', async (id) => {
    const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));

    const differentiable = asDifferentiableScorer(scorer) !== null;
    const family = scorer.manifest.family;
    scorer.dispose();

    expect(hasGradientAccess(family)).toBe(differentiable);
  });

  test.each(SHIPPED_MODELS)('replacement source matches %s scorer', async (id) => {
    const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));

    const provider = defaultReplacementProvider(scorer);
    const ownProvider = hasReplacementProvider(scorer);
    const family = scorer.manifest.family;
    scorer.dispose();

    let expected: string | null = null;
    if (provider !== null) expected = ownProvider ? 'masked-language-model' : 'vocabulary';
    expect(replacementSource(family)).toBe(expected);
  });

  test.each(SHIPPED_MODELS)('token reading matches %s scorer', async (id) => {
    const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));
    const patch = parsePatch(TOKEN_DIFF);
    const tokenEdits = enumerateEditSites(patch, { kinds: ['delete-token'] });

    const before = (await scorer.score(patch)).probability;
    const after = await scorer.scoreBatch(tokenEdits.map((edit) => applyEdit(patch, edit)));
    const family = scorer.manifest.family;
    scorer.dispose();

    const tokensMatter = after.some((probability) => probability !== before);
    expect(tokenFreeInputs(family) === null).toBe(tokensMatter);
  });

  test('unknown family has no gradients', () => {
    expect(hasGradientAccess('naive-bayes')).toBe(false);
  });

  test('unknown family has no replacements', () => {
    expect(replacementSource('naive-bayes')).toBeNull();
  });
});
