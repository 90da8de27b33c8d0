import { describe, expect, it } from 'vitest';

import { MASK_RATE, maskTokens } from '../../src/train/mlm.ts';
import { seededRandom } from '../../src/train/random.ts';

const OPTIONS = { maskId: 2, firstMaskableId: 3, vocabSize: 50 };

/** 2000 ids: every tenth is padding (0), the rest real tokens 3..49. */
const IDS = Int32Array.from({ length: 2000 }, (_, i) => (i % 10 === 0 ? 0 : 3 + (i % 47)));

describe('maskTokens', () => {
  it('chooses about 15% of the tokens', () => {
    const { positions } = maskTokens(IDS, OPTIONS, seededRandom(1));
    const rate = positions.length / 1800;
    expect(rate).toBeGreaterThan(MASK_RATE - 0.03);
    expect(rate).toBeLessThan(MASK_RATE + 0.03);
  });

  it('never chooses padding or special ids', () => {
    const { positions } = maskTokens(IDS, OPTIONS, seededRandom(2));
    const chosen = Array.from(positions, (position) => IDS[position]!);
    expect(chosen.every((id) => id >= OPTIONS.firstMaskableId)).toBe(true);
  });

  it('labels are the original ids', () => {
    const { positions, labels } = maskTokens(IDS, OPTIONS, seededRandom(3));
    expect(Array.from(labels)).toEqual(Array.from(positions, (position) => IDS[position]!));
  });

  it('replaces most chosen tokens with [MASK]', () => {
    const { positions, inputIds } = maskTokens(IDS, OPTIONS, seededRandom(4));
    const masked = Array.from(positions).filter((position) => inputIds[position] === 2).length;
    expect(masked / positions.length).toBeGreaterThan(0.7);
    expect(masked / positions.length).toBeLessThan(0.9);
  });

  it('repeats for one seed', () => {
    const first = maskTokens(IDS, OPTIONS, seededRandom(5));
    const second = maskTokens(IDS, OPTIONS, seededRandom(5));
    expect(Array.from(second.inputIds)).toEqual(Array.from(first.inputIds));
  });

  it('masks one token of a tiny batch', () => {
    const { positions } = maskTokens(Int32Array.from([0, 7, 0]), OPTIONS, () => 0.99);
    expect(Array.from(positions)).toEqual([1]);
  });
});
