import { describe, expect, it } from 'vitest';

import {
  CELL_TYPES,
  InvalidNotebookError,
  createDiffCell,
  createMarkdownCell,
  createNotebook,
  parseNotebook,
  serializeNotebook,
  type DiffCell,
  type Notebook,
} from '../../../src/core/notebook/index.ts';
import { sampleNotebook } from './sampleNotebook.ts';

/** Rebuilds every object of a JSON value with its keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, item]) => [key, reverseKeys(item)]));
}

function diffCellOf(notebook: Notebook): DiffCell {
  const cell = notebook.cells.find((candidate) => candidate.type === 'diff');
  if (cell === undefined) throw new Error('sample notebook has no diff cell');
  return cell;
}

describe('serializeNotebook', () => {
  it('round-trips through parseNotebook', () => {
    const notebook = sampleNotebook();
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  for (const type of CELL_TYPES) {
    it(`round-trips a ${type} cell`, () => {
      const notebook = sampleNotebook();
      notebook.cells = notebook.cells.filter((cell) => cell.type === type);
      expect(notebook.cells).toHaveLength(1);
      expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
    });
  }

  it('round-trips unusual diff text', () => {
    const notebook = sampleNotebook();
    diffCellOf(notebook).diff = 'line\r\nwith "quotes" \\ tabs\t and \u2028 separators\n';
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('round-trips markup in markdown', () => {
    const notebook = sampleNotebook();
    notebook.cells = [createMarkdownCell('</script><script>window.__pwned=1</script>', 'm')];
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('writes the same bytes whatever the key order', () => {
    const shuffled = reverseKeys(sampleNotebook()) as Notebook;
    expect(serializeNotebook(shuffled)).toBe(serializeNotebook(sampleNotebook()));
  });

  it('uses two-space indent and a trailing newline', () => {
    const text = serializeNotebook(sampleNotebook());
    expect(text.startsWith('{\n  "format": "perflens-notebook",\n  "version": 2,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('rejects an invalid notebook', () => {
    const notebook = sampleNotebook();
    diffCellOf(notebook).scores[0]!.probability = Number.NaN;
    expect(() => serializeNotebook(notebook)).toThrow(InvalidNotebookError);
  });

  it('rejects a notebook of another version', () => {
    const notebook = { ...sampleNotebook(), version: 1 };
    expect(() => serializeNotebook(notebook)).toThrow(/version must be 2 to save, found 1/);
  });
});

describe('createNotebook', () => {
  it('creates a notebook that serializes', () => {
    const now = new Date('2026-03-01T08:00:00.000Z');
    const source = diffCellOf(sampleNotebook());
    const cell = createDiffCell({ diff: source.diff, model: source.model });
    const notebook = createNotebook({ title: 'New', now, cells: [cell] });

    expect(notebook.createdAt).toBe('2026-03-01T08:00:00.000Z');
    expect(notebook.modifiedAt).toBe(notebook.createdAt);
    expect(parseNotebook(serializeNotebook(notebook))).toEqual(notebook);
  });

  it('gives new cells distinct ids', () => {
    const model = diffCellOf(sampleNotebook()).model;
    const first = createDiffCell({ diff: '', model });
    const second = createDiffCell({ diff: '', model });
    expect(first.id).not.toBe(second.id);
  });
});
