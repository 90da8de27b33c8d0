/** Notebook files: types, parsing with validation, migration, serialization, re-check and export. */
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
export {
  createEvaluationCell,
  parseLabelledDiffs,
  summarizeEvaluation,
} from './evaluation.ts';
export type { CreateEvaluationOptions, EvaluationSummary, LabelledDiff } from './evaluation.ts';
export { renderMarkdown } from './markdown.ts';
export { isStale, recheckNotebook } from './recheck.ts';
export type { RecheckFinding, RecheckOptions, RecheckScorer, RecheckStatus } from './recheck.ts';
export { exportNotebookHtml, exportContentSecurityPolicy } from './export/html.ts';
export { exportNotebookIpynb } from './export/ipynb.ts';
