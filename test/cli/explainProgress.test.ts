import { describe, expect, test } from 'vitest';

import { StepProgress } from '../../src/cli/explainProgress.ts';

/** Creates a StepProgress on a clock that the test sets, collecting its lines. */
function progressAt(clock: { ms: number }) {
  const lines: string[] = [];
  const progress = new StepProgress((line) => lines.push(line), 2000, () => clock.ms);
  return { lines, progress };
}

describe('StepProgress', () => {
  test('update waits for the interval', () => {
    const clock = { ms: 0 };
    const { lines, progress } = progressAt(clock);
    progress.start('occlusion');

    clock.ms = 1000;
    progress.update('3 of 9 items');

    expect(lines).toEqual([]);
  });

  test('update prints after the interval', () => {
    const clock = { ms: 0 };
    const { lines, progress } = progressAt(clock);
    progress.start('occlusion');

    clock.ms = 2500;
    progress.update('3 of 9 items');
    clock.ms = 3000;
    progress.update('4 of 9 items');

    expect(lines).toEqual(['explain: occlusion 2.5 s: 3 of 9 items']);
  });

  test('finish always prints', () => {
    const clock = { ms: 100 };
    const { lines, progress } = progressAt(clock);
    progress.start('counterfactual search');

    clock.ms = 600;
    progress.finish('0 found');

    expect(lines).toEqual(['explain: counterfactual search done in 0.5 s: 0 found']);
  });
});
