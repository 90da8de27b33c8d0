/** The schema of notebook version 2, written against the types in types.ts. */
import type { NotebookIssue } from './errors.ts';
import { joinPath, objectSchema, validateSchema, type Schema } from './schema.ts';
import type {
  AttributionRecord,
  ComparisonCell,
  CounterfactualEditRecord,
  CounterfactualRecord,
  DatasetRef,
  DiffCell,
  EvaluationCell,
  ExplanationCell,
  MarkdownCell,
  ModelRef,
  Notebook,
  ResultRecord,
  ScoreRecord,
} from './types.ts';

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
const anyString: Schema = { kind: 'string' };
const probability: Schema = { kind: 'number', min: 0, max: 1 };
const boolean: Schema = { kind: 'boolean' };
const positiveLine: Schema = { kind: 'number', integer: true, min: 1 };
const count: Schema = { kind: 'number', integer: true, min: 0 };

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

export const resultRecordSchema = objectSchema<ResultRecord>({
  model: modelRefSchema,
  at: isoTime,
  probability,
  threshold: probability,
  diffHash: sha256Hex,
});

const cellFields = {
  id: nonEmptyString,
  collapsed: boolean,
};

export const markdownCellSchema = objectSchema<MarkdownCell>({
  ...cellFields,
  type: { kind: 'enum', values: ['markdown'] },
  source: anyString,
});

export const diffCellSchema = objectSchema<DiffCell>({
  ...cellFields,
  type: { kind: 'enum', values: ['diff'] },
  diff: anyString,
  originalDiff: anyString,
  model: modelRefSchema,
  scores: { kind: 'array', items: scoreRecordSchema },
});

const attributionSchema = objectSchema<AttributionRecord>({
  level: { kind: 'enum', values: ['token', 'line', 'hunk'] },
  patchLine: positiveLine,
  startColumn: { kind: 'nullable', inner: positiveLine },
  endColumn: { kind: 'nullable', inner: positiveLine },
  text: anyString,
  attribution: { kind: 'number', min: -1, max: 1 },
});

const counterfactualEditSchema = objectSchema<CounterfactualEditRecord>({
  kind: {
    kind: 'enum',
    values: ['delete-token', 'replace-token', 'delete-line', 'restore-line', 'drop-hunk'],
  },
  patchLine: positiveLine,
  before: anyString,
  after: anyString,
});

const counterfactualSchema = objectSchema<CounterfactualRecord>({
  edits: { kind: 'array', items: counterfactualEditSchema },
  diff: anyString,
  probabilityAfter: probability,
  flaggedAfter: boolean,
});

export const explanationCellSchema = objectSchema<ExplanationCell>({
  ...cellFields,
  type: { kind: 'enum', values: ['explanation'] },
  diff: anyString,
  result: resultRecordSchema,
  attributions: { kind: 'array', items: attributionSchema },
  counterfactuals: { kind: 'array', items: counterfactualSchema },
});

export const comparisonCellSchema = objectSchema<ComparisonCell>({
  ...cellFields,
  type: { kind: 'enum', values: ['comparison'] },
  diff: anyString,
  results: { kind: 'array', items: resultRecordSchema },
});

const datasetRefSchema = objectSchema<DatasetRef>({
  name: nonEmptyString,
  sha256: sha256Hex,
  rows: count,
  positives: count,
});

export const evaluationCellSchema = objectSchema<EvaluationCell>({
  ...cellFields,
  type: { kind: 'enum', values: ['evaluation'] },
  dataset: datasetRefSchema,
  model: modelRefSchema,
  at: isoTime,
  scores: { kind: 'array', items: probability },
  labels: { kind: 'array', items: { kind: 'number', integer: true, min: 0, max: 1 } },
  threshold: probability,
  targetRecall: { kind: 'number', min: 0.01, max: 1 },
});

export const notebookSchema = objectSchema<Notebook>({
  format: { kind: 'enum', values: ['perflens-notebook'] },
  version: { kind: 'number', integer: true, min: 1 },
  title: anyString,
  createdAt: isoTime,
  modifiedAt: isoTime,
  cells: {
    kind: 'array',
    items: {
      kind: 'tagged',
      tag: 'type',
      variants: {
        markdown: markdownCellSchema,
        diff: diffCellSchema,
        explanation: explanationCellSchema,
        comparison: comparisonCellSchema,
        evaluation: evaluationCellSchema,
      },
    },
  },
});

/** Validates a migrated notebook object and returns every issue found, in file order. */
export function validateNotebook(value: unknown): NotebookIssue[] {
  const issues: NotebookIssue[] = [];
  validateSchema(notebookSchema, value, '', issues);
  if (issues.length > 0) return issues;

  const notebook = value as Notebook;
  issues.push(...findDuplicateCellIds(notebook));
  notebook.cells.forEach((cell, index) => {
    if (cell.type === 'evaluation') issues.push(...checkEvaluationCounts(cell, index));
  });
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

/** The per-row arrays of an evaluation must match the dataset's row and positive counts. */
function checkEvaluationCounts(cell: EvaluationCell, index: number): NotebookIssue[] {
  const issues: NotebookIssue[] = [];
  const cellPath = joinPath('cells', index);
  const rows = cell.dataset.rows;

  for (const field of ['scores', 'labels'] as const) {
    if (cell[field].length === rows) continue;
    const path = joinPath(cellPath, field);
    issues.push({
      path,
      message:
        `${path} has ${cell[field].length} entries but ${cellPath}.dataset.rows is ${rows}; ` +
        'recompute the evaluation from its dataset file.',
    });
  }

  const positives = cell.labels.filter((label) => label === 1).length;
  if (positives !== cell.dataset.positives) {
    const path = joinPath(joinPath(cellPath, 'dataset'), 'positives');
    issues.push({
      path,
      message:
        `${path} is ${cell.dataset.positives} but ${cellPath}.labels has ${positives} ` +
        'positives; recompute the evaluation from its dataset file.',
    });
  }

  return issues;
}
