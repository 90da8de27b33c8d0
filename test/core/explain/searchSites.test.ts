import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { prepareSearchSites } from '../../../src/core/explain/searchSites.ts';
import type { EditSite } from '../../../src/core/explain/types.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from './handBuiltBow.ts';

let scorer: Scorer;

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadHandBuiltScorer();
});

afterAll(() => scorer.dispose());

/** Returns the distinct token positions of the sites of one kind, as line:start. */
function tokenPositions(sites: readonly EditSite[], kind: EditSite['kind']): string[] {
  const positions = sites
    .filter((site) => site.kind === kind)
    .map(({ position }) => `${position.patchLine}:${position.start}`);
  return [...new Set(positions)];
}

describe('prepareSearchSites replacement limit', () => {
  const patch = parsePatch(SLEEP_BLOCK_DIFF);

  test('replaces only the first tokens', async () => {
    const sites = await prepareSearchSites(scorer, patch, { replacementTokenLimit: 2 });

    const tokens = tokenPositions(sites, 'delete-token');
    expect(tokens.length).toBeGreaterThan(2);
    expect(tokenPositions(sites, 'replace-token')).toEqual(tokens.slice(0, 2));
  });

  test('zero limit gives no replacements', async () => {
    const sites = await prepareSearchSites(scorer, patch, { replacementTokenLimit: 0 });

    expect(tokenPositions(sites, 'replace-token')).toEqual([]);
    expect(tokenPositions(sites, 'delete-token').length).toBeGreaterThan(0);
  });

  test('negative limit is rejected', async () => {
    const run = prepareSearchSites(scorer, patch, { replacementTokenLimit: -1 });

    await expect(run).rejects.toThrow(/Invalid replacementTokenLimit -1; pass a whole number/);
  });
});
