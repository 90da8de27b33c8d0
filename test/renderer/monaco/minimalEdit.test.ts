import { describe, expect, it } from 'vitest';

import { changedRange } from '../../../renderer/monaco/minimalEdit.ts';

/** Applies a changed range to the old text, as Monaco's edit would. */
function apply(current: string, next: string): string {
  const change = changedRange(current, next);
  if (change === null) {
    return current;
  }
  return current.slice(0, change.start) + change.text + current.slice(change.end);
}

describe('changedRange', () => {
  it('returns null for equal texts', () => {
    expect(changedRange('a\nb\n', 'a\nb\n')).toBeNull();
  });

  it('covers only a typed character', () => {
    expect(changedRange('const a = 1;\n', 'const ab = 1;\n')).toEqual({
      start: 7,
      end: 7,
      text: 'b',
    });
  });

  it('covers only a deleted line', () => {
    // The common prefix runs into the next line: "two" and "three" both start with "t".
    expect(changedRange('one\ntwo\nthree\n', 'one\nthree\n')).toEqual({
      start: 5,
      end: 9,
      text: '',
    });
  });

  it.each([
    ['', 'all new'],
    ['all old', ''],
    ['aaa', 'aaaa'],
    ['abcabc', 'abc'],
    ['x\ny\nz', 'x\nY\nz'],
  ])('rebuilds %j into %j', (current, next) => {
    expect(apply(current, next)).toBe(next);
  });
});
