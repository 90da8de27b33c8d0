/** Notebook files: types, parsing with validation, serialization, creation and migration. */
export * from './types.ts';
export * from './errors.ts';
export { parseNotebook } from './parse.ts';
export { serializeNotebook } from './serialize.ts';
export {
  createComparisonCell,
  createDiffCell,
  createMarkdownCell,
  createNotebook,
  newCellId,
} from './create.ts';
export type { CreateNotebookOptions, CreateDiffCellOptions } from './create.ts';
export { migrateNotebook, NOTEBOOK_MIGRATIONS } from './migrate.ts';
export type { NotebookMigration } from './migrate.ts';
export { validateNotebook, SCORE_BACKENDS } from './notebookSchema.ts';
