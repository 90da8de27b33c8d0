import { describe, expect, it } from 'vitest';

import {
  migrateNotebook,
  parseNotebook,
  type NotebookMigration,
} from '../../../src/core/notebook/index.ts';
import { sampleNotebookV1 } from './sampleNotebook.ts';

describe('migrateNotebook', () => {
  it('keeps a current notebook unchanged', () => {
    const notebook = { version: 2, title: 'x' };
    expect(migrateNotebook(notebook)).toBe(notebook);
  });

  it('chains migrations one version at a time', () => {
    const migrations: Record<number, NotebookMigration> = {
      1: (notebook) => ({ ...notebook, steps: ['1->2'] }),
      2: (notebook) => ({ ...notebook, steps: [...(notebook.steps as string[]), '2->3'] }),
    };
    const migrated = migrateNotebook({ version: 1, title: 'x' }, migrations, 3);
    expect(migrated).toEqual({ version: 3, title: 'x', steps: ['1->2', '2->3'] });
  });

  it('names a missing migration step', () => {
    expect(() => migrateNotebook({ version: 1 }, {}, 2)).toThrow(
      'No migration from notebook version 1 to 2; add one to NOTEBOOK_MIGRATIONS.',
    );
  });

  it('adds collapsed to version 1 cells', () => {
    const migrated = migrateNotebook({ ...sampleNotebookV1(), version: 1 });
    expect(migrated.cells).toEqual([{ ...(sampleNotebookV1().cells as object[])[0], collapsed: false }]);
  });

  it('sets version 2 on a version 1 file', () => {
    expect(parseNotebook(JSON.stringify(sampleNotebookV1())).version).toBe(2);
  });

  it('keeps version 1 diff text intact', () => {
    const v1 = sampleNotebookV1() as { cells: Array<{ diff: string }> };
    const parsed = parseNotebook(JSON.stringify(v1));
    expect(parsed.cells[0]).toMatchObject({ type: 'diff', diff: v1.cells[0]!.diff });
  });
});
