import { describe, expect, it } from 'vitest';

import { isDirty } from '../../../renderer/store/notebookSlice.ts';

describe('isDirty', () => {
  it('is false for an empty never-saved notebook', () => {
    expect(isDirty('', null, null)).toBe(false);
  });

  it('is true for text never saved', () => {
    expect(isDirty('diff --git a/x b/x\n', 'bow', null)).toBe(true);
  });

  it('is false when text and model match the save', () => {
    expect(isDirty('abc\n', 'bow', { diff: 'abc\n', modelId: 'bow' })).toBe(false);
  });

  it('is true after an edit', () => {
    expect(isDirty('abd\n', 'bow', { diff: 'abc\n', modelId: 'bow' })).toBe(true);
  });

  it('is true after a model switch', () => {
    expect(isDirty('abc\n', 'opaque', { diff: 'abc\n', modelId: 'bow' })).toBe(true);
  });
});
