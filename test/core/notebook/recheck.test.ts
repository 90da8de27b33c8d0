import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { explainDiff, scoreResult } from '../../../src/core/notebook/computeCells.ts';
import {
  createComparisonCell,
  createNotebook,
  recheckNotebook,
  type Notebook,
  type RecheckScorer,
} from '../../../src/core/notebook/index.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from '../explain/handBuiltBow.ts';

const RUNTIME = { tfjsVersion: '4.22.0', backend: 'cpu' };

/** Returns a RecheckScorer over loaded scorers, like the one the app's worker provides. */
function recheckScorer(scorers: Map<string, Scorer>): RecheckScorer {
  return {
    bundleHash: async (modelId) => scorers.get(modelId)?.bundleHash ?? null,
    score: async (modelId, diff) => {
      const scorer = scorers.get(modelId)!;
      return (await scorer.score(parsePatch(diff))).probability;
    },
  };
}

describe('recheckNotebook', () => {
  let scorer: Scorer;
  let notebook: Notebook;

  beforeAll(async () => {
    scorer = await loadHandBuiltScorer();
    const comparison = createComparisonCell(SLEEP_BLOCK_DIFF, 'compare');
    comparison.results.push(await scoreResult(scorer, SLEEP_BLOCK_DIFF, RUNTIME));
    const explanation = {
      id: 'explain',
      type: 'explanation' as const,
      collapsed: false,
      ...(await explainDiff(scorer, SLEEP_BLOCK_DIFF, RUNTIME, { timeBudgetMs: 2000 })),
    };
    notebook = createNotebook({ title: 'recheck', cells: [comparison, explanation] });
  });

  afterAll(() => scorer.dispose());

  it('reproduces scores of the same model', async () => {
    const findings = await recheckNotebook(notebook, recheckScorer(new Map([[scorer.manifest.id, scorer]])));
    expect(findings.map((finding) => finding.status)).toEqual(['reproduced', 'reproduced']);
  });

  it('flags a changed stored probability', async () => {
    const edited = structuredClone(notebook);
    const comparison = edited.cells[0]!;
    if (comparison.type !== 'comparison') throw new Error('expected a comparison cell');
    comparison.results[0]!.probability = 0.25;

    const findings = await recheckNotebook(edited, recheckScorer(new Map([[scorer.manifest.id, scorer]])));
    expect(findings[0]!.status).toBe('changed');
    expect(findings[0]!.path).toBe('cells[0].results[0]');
    expect(findings[0]!.message).toContain('not the stored 0.2500');
  });

  it('flags a missing model', async () => {
    const findings = await recheckNotebook(notebook, recheckScorer(new Map()));
    expect(findings[0]!.status).toBe('model-missing');
  });

  it('flags a score of edited text', async () => {
    const edited = structuredClone(notebook);
    const comparison = edited.cells[0]!;
    if (comparison.type !== 'comparison') throw new Error('expected a comparison cell');
    comparison.diff = comparison.diff.replace('block(item)', 'wait(item)');

    const findings = await recheckNotebook(edited, recheckScorer(new Map([[scorer.manifest.id, scorer]])));
    expect(findings[0]!.status).toBe('stale-text');
  });

  it('finds a counterfactual for the hand-built diff', () => {
    const explanation = notebook.cells[1]!;
    if (explanation.type !== 'explanation') throw new Error('expected an explanation cell');
    expect(explanation.counterfactuals.length).toBeGreaterThan(0);
    expect(explanation.counterfactuals[0]!.flaggedAfter).toBe(false);
  });

  it('records token attributions with columns', () => {
    const explanation = notebook.cells[1]!;
    if (explanation.type !== 'explanation') throw new Error('expected an explanation cell');
    const sleep = explanation.attributions.find((item) => item.text === 'sleep');
    expect(sleep?.level).toBe('token');
    expect(sleep?.attribution).toBeGreaterThan(0);
  });
});
