/**
 * Upgrades notebook files written by older versions. Version 1 is the only version today; when
 * version 2 arrives, add `1: (notebook) => ...` to NOTEBOOK_MIGRATIONS and bump NOTEBOOK_VERSION.
 */
import { NOTEBOOK_VERSION } from './types.ts';

/** Turns a notebook object of version n into one of version n + 1 (the caller sets `version`). */
export type NotebookMigration = (notebook: Record<string, unknown>) => Record<string, unknown>;

/** Migrations keyed by the version they upgrade from. */
export const NOTEBOOK_MIGRATIONS: Readonly<Record<number, NotebookMigration>> = {};

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
