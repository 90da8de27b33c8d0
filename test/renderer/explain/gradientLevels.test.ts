import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { integratedGradients } from '../../../src/core/explain/integratedGradients.ts';
import { asDifferentiableScorer } from '../../../src/core/model/bowGradients.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import { gradientAttributionItems } from '../../../renderer/explain/gradientLevels.ts';
import type { AttributionItem } from '../../../renderer/workers/explainProtocol.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from '../../core/explain/handBuiltBow.ts';

const PATCH = parsePatch(SLEEP_BLOCK_DIFF);
let scorer: Scorer;
let items: AttributionItem[];

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadHandBuiltScorer();
  const result = await integratedGradients(asDifferentiableScorer(scorer)!, PATCH);
  items = gradientAttributionItems(PATCH, result.tokens);
});

afterAll(() => scorer.dispose());

function sum(values: readonly AttributionItem[]): number {
  return values.reduce((total, item) => total + item.logit, 0);
}

describe('gradientAttributionItems', () => {
  it('sums tokens into their lines', () => {
    const tokens = items.filter((item) => item.level === 'token' && item.position.patchLine === 8);
    const line = items.find((item) => item.level === 'line' && item.position.patchLine === 8)!;

    expect(line.logit).toBeCloseTo(sum(tokens), 6);
  });

  it('sums lines into their hunk', () => {
    const lines = items.filter((item) => item.level === 'line');
    const hunks = items.filter((item) => item.level === 'hunk');

    expect(hunks).toHaveLength(1);
    expect(hunks[0]!.logit).toBeCloseTo(sum(lines), 6);
  });

  it('keeps the token text as written', () => {
    const top = items.find((item) => item.level === 'token')!;

    expect(['sleep', 'block']).toContain(top.text);
  });

  it('gives hunks their header', () => {
    const hunk = items.find((item) => item.level === 'hunk')!;

    expect(hunk.text).toBe('@@ -1,3 +1,5 @@');
    expect(hunk.position.patchLine).toBe(5);
  });

  it('orders each level by magnitude', () => {
    for (const level of ['token', 'line', 'hunk'] as const) {
      const ofLevel = items.filter((item) => item.level === level);
      const magnitudes = ofLevel.map((item) => Math.abs(item.logit));
      expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
    }
  });

  it('has no probability changes', () => {
    expect(items.every((item) => item.probability === null)).toBe(true);
  });
});
