/**
 * Upgrades notebook files written by older versions, one version at a time. To add version
 * n + 1: add `n: (notebook) => ...` to NOTEBOOK_MIGRATIONS, bump NOTEBOOK_VERSION and describe
 * the change in docs/notebook-format.md.
 */
import { isPlainObject } from './schema.ts';
import { NOTEBOOK_VERSION } from './types.ts';

/** Turns a notebook object of version n into one of version n + 1 (the caller sets `version`). */
export type NotebookMigration = (notebook: Record<string, unknown>) => Record<string, unknown>;

/**
 * Version 1 -> 2: version 2 adds the markdown, explanation, comparison and evaluation cell types
 * and a `collapsed` flag on every cell. Version 1 files have diff cells only, which stay as they
 * were and open expanded. Values that are not cell objects pass through for the schema to report.
 */
function migrateVersion1(notebook: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(notebook.cells)) return notebook;

  const cells = notebook.cells.map((cell: unknown) => {
    if (!isPlainObject(cell) || 'collapsed' in cell) return cell;
    return { ...cell, collapsed: false };
  });
  return { ...notebook, cells };
}

/** Migrations keyed by the version they upgrade from. */
export const NOTEBOOK_MIGRATIONS: Readonly<Record<number, NotebookMigration>> = {
  1: migrateVersion1,
};

/**
 * Applies migrations one version at a time until `notebook` reaches `targetVersion`. Returns the
 * input object unchanged when it is already at that version. The result is not validated.
 */
export function migrateNotebook(
  notebook: Record<string, unknown> & { version: number },
  migrations: Readonly<Record<number, NotebookMigration>> = NOTEBOOK_MIGRATIONS,
  targetVersion: number = NOTEBOOK_VERSION,
): Record<string, unknown> {
  let current: Record<string, unknown> = notebook;

  for (let version = notebook.version; version < targetVersion; version++) {
    const migration = migrations[version];
    if (migration === undefined) {
      throw new Error(
        `No migration from notebook version ${version} to ${version + 1}; ` +
          'add one to NOTEBOOK_MIGRATIONS.',
      );
    }
    current = { ...migration(current), version: version + 1 };
  }

  return current;
}
