/** The schema of notebook version 1, written against the types in types.ts. */
import type { NotebookIssue } from './errors.ts';
import { joinPath, objectSchema, validateSchema, type Schema } from './schema.ts';
import type { DiffCell, ModelRef, Notebook, ScoreRecord } from './types.ts';

/** tfjs backends that can compute a score in PerfLens. */
export const SCORE_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;

const ISO_TIME_PATTERN =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Rejects times that match the pattern but do not exist, such as February 30 or hour 25. */
function isExistingTime(value: string): boolean {
  if (Number.isNaN(Date.parse(value))) return false;

  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

const isoTime: Schema = {
  kind: 'string',
  pattern: ISO_TIME_PATTERN,
  check: isExistingTime,
  description: 'an ISO 8601 time such as "2026-01-31T09:30:00.000Z"',
};

const sha256Hex: Schema = {
  kind: 'string',
  pattern: /^[0-9a-f]{64}$/,
  description: 'a sha256 digest (64 lowercase hex digits)',
};

const nonEmptyString: Schema = { kind: 'string', minLength: 1 };
const probability: Schema = { kind: 'number', min: 0, max: 1 };

export const modelRefSchema = objectSchema<ModelRef>({
  id: nonEmptyString,
  bundleHash: sha256Hex,
  tfjsVersion: nonEmptyString,
  backend: { kind: 'enum', values: SCORE_BACKENDS },
});

export const scoreRecordSchema = objectSchema<ScoreRecord>({
  at: isoTime,
  probability,
  threshold: probability,
  diffHash: sha256Hex,
});

export const diffCellSchema = objectSchema<DiffCell>({
  id: nonEmptyString,
  type: { kind: 'enum', values: ['diff'] },
  diff: { kind: 'string' },
  originalDiff: { kind: 'string' },
  model: modelRefSchema,
  scores: { kind: 'array', items: scoreRecordSchema },
});

export const notebookSchema = objectSchema<Notebook>({
  format: { kind: 'enum', values: ['perflens-notebook'] },
  version: { kind: 'number', integer: true, min: 1 },
  title: { kind: 'string' },
  createdAt: isoTime,
  modifiedAt: isoTime,
  cells: {
    kind: 'array',
    items: { kind: 'tagged', tag: 'type', variants: { diff: diffCellSchema } },
  },
});

/** Validates a migrated notebook object and returns every issue found, in file order. */
export function validateNotebook(value: unknown): NotebookIssue[] {
  const issues: NotebookIssue[] = [];
  validateSchema(notebookSchema, value, '', issues);
  if (issues.length === 0) issues.push(...findDuplicateCellIds(value as Notebook));
  return issues;
}

/** Cell ids identify cells across edits and exports, so two cells may not share one. */
function findDuplicateCellIds(notebook: Notebook): NotebookIssue[] {
  const issues: NotebookIssue[] = [];
  const firstIndexById = new Map<string, number>();

  notebook.cells.forEach((cell, index) => {
    const first = firstIndexById.get(cell.id);
    if (first === undefined) {
      firstIndexById.set(cell.id, index);
      return;
    }

    const path = joinPath(joinPath('cells', index), 'id');
    issues.push({
      path,
      message:
        `${path} ${JSON.stringify(cell.id)} is already the id of cells[${first}]; ` +
        'give each cell a unique id.',
    });
  });

  return issues;
}
