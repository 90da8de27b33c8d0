import { describe, expect, it } from 'vitest';

import { migrateNotebook, type NotebookMigration } from '../../../src/core/notebook/index.ts';

describe('migrateNotebook', () => {
  it('keeps a current notebook unchanged', () => {
    const notebook = { version: 1, title: 'x' };
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
});
