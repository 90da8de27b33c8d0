import { beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../src/core/diff/parse.ts';
import type { Scorer } from '../../src/core/model/types.ts';
import { explainDiff, type DiffExplanation } from '../../src/cli/explainDiff.ts';
import { StepProgress } from '../../src/cli/explainProgress.ts';
import { formatAttribution, formatExplanation } from '../../src/cli/explainText.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from '../core/explain/handBuiltBow.ts';

const patch = parsePatch(SLEEP_BLOCK_DIFF);
let scorer: Scorer;
let explanation: DiffExplanation;
const progressLines: string[] = [];

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadHandBuiltScorer();
  // An interval of 0 prints every update, so each step shows its counts.
  const progress = new StepProgress((line) => progressLines.push(line), 0);
  const options = { maxCounterfactuals: 1, timeBudgetMs: 5000 };
  explanation = await explainDiff(scorer, patch, options, progress);
});

describe('formatAttribution', () => {
  test.each([
    [0.12345, 3, '+0.123'],
    [-0.0708, 4, '-0.0708'],
    [0, 3, '+0.000'],
    [2.4123e-5, 3, '+2.41e-5'],
    [0.015, 3, '+0.015'],
    [0.0012, 3, '+1.20e-3'],
    [-0.0004, 3, '-4.00e-4'],
    [0.0035, 4, '+0.0035'],
    [0.00004, 4, '+4.00e-5'],
  ])('%d with %d digits is %s', (value, digits, expected) => {
    expect(formatAttribution(value, digits)).toBe(expected);
  });
});

describe('formatExplanation', () => {
  test('occlusion header states the difference', () => {
    const lines = formatExplanation(patch, explanation, 3);

    const header = lines.find((line) => line.startsWith('token occlusion:'));
    expect(header).toBe(
      'token occlusion: top 3 of 6, score minus score without the item (logit, probability)',
    );
  });

  test('raising token prints positive', () => {
    const lines = formatExplanation(patch, explanation, 6);

    // Deleting `sleep` lowers the score, so the score minus that score is positive.
    const row = lines.find((line) => line.endsWith("delete token 'sleep'"));
    expect(row).toMatch(/^ +\d+ +\+\d\.\d{3} +\+0\.\d{4} /);
  });

  test('tiny gradients stay readable', () => {
    const gradients = explanation.integratedGradients!;
    const tokens = gradients.tokens.map((token) => ({
      ...token,
      attribution: token.attribution * 1e-6,
    }));
    const tiny = { ...explanation, integratedGradients: { ...gradients, tokens } };

    const lines = formatExplanation(patch, tiny, 3);

    const start = lines.findIndex((line) => line.startsWith('integrated gradients:'));
    const rows = lines.slice(start + 1, start + 3);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^ +\d+ +[+-]\d\.\d\de-\d /);
  });
});

describe('explainDiff progress', () => {
  test('occlusion reports items of total', () => {
    const pattern = /^explain: occlusion .*: \d+ of 11 items$/;

    expect(progressLines).toContainEqual(expect.stringMatching(pattern));
  });

  test('gradients report path points', () => {
    const pattern = /^explain: integrated gradients .*: \d+ of 17 path points \(16 intervals\)$/;

    expect(progressLines).toContainEqual(expect.stringMatching(pattern));
  });

  test('search reports its end', () => {
    const pattern = /^explain: counterfactual search done in \d+\.\d s: \d+ edit sets scored/;

    expect(progressLines).toContainEqual(expect.stringMatching(pattern));
  });
});
