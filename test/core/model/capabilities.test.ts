import { join } from 'node:path';

import { beforeAll, describe, expect, test } from 'vitest';

import { asDifferentiableScorer } from '../../../src/core/model/bowGradients.ts';
import { defaultReplacementProvider } from '../../../src/core/explain/searchSites.ts';
import { hasReplacementProvider } from '../../../src/core/explain/replacements.ts';
import { hasGradientAccess, replacementSource } from '../../../src/core/model/capabilities.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import { readBundleDir } from '../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';

const SHIPPED_MODELS = ['bow', 'opaque', 'size-baseline', 'transformer', 'superperforator'];

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

  test('unknown family has no gradients', () => {
    expect(hasGradientAccess('naive-bayes')).toBe(false);
  });

  test('unknown family has no replacements', () => {
    expect(replacementSource('naive-bayes')).toBeNull();
  });
});
