import { describe, expect, it } from 'vitest';

import { parseRecovery, serializeRecovery } from '../../../renderer/notebook/recoveryRecord.ts';
import { sampleNotebook } from '../../core/notebook/sampleNotebook.ts';

const record = {
  savedAt: '2026-12-04T10:00:00.000Z',
  notebookPath: '/work/notes/loop.perflens.json',
  editorCellId: 'cell-1',
  notebook: sampleNotebook(),
};

describe('recovery record', () => {
  it('round-trips every cell', () => {
    expect(parseRecovery(serializeRecovery(record))).toEqual(record);
  });

  it('keeps a null path', () => {
    const text = serializeRecovery({ ...record, notebookPath: null });
    expect(parseRecovery(text).notebookPath).toBeNull();
  });

  it('rejects text of another format', () => {
    expect(() => parseRecovery('{"format":"x"}')).toThrow(/"format": "perflens-recovery"/);
  });

  it('rejects a truncated file', () => {
    const text = serializeRecovery(record);
    expect(() => parseRecovery(text.slice(0, 50))).toThrow(/not valid JSON/);
  });

  it('rejects an invalid notebook inside', () => {
    const text = serializeRecovery(record).replace('"version\\": 2', '"version\\": 0');
    expect(() => parseRecovery(text)).toThrow(/version must be an integer/);
  });
});
