/** Builders for new notebooks and cells. */
import {
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  type Cell,
  type ComparisonCell,
  type DiffCell,
  type MarkdownCell,
  type ModelRef,
  type Notebook,
} from './types.ts';

export interface CreateNotebookOptions {
  title: string;
  cells?: Cell[];
  /** Creation time; defaults to now. */
  now?: Date;
}

/** Creates a notebook at the current version whose createdAt and modifiedAt are `now`. */
export function createNotebook(options: CreateNotebookOptions): Notebook {
  const time = (options.now ?? new Date()).toISOString();
  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title: options.title,
    createdAt: time,
    modifiedAt: time,
    cells: options.cells ?? [],
  };
}

/** Returns a new random cell id. */
export function newCellId(): string {
  return globalThis.crypto.randomUUID();
}

export interface CreateDiffCellOptions {
  diff: string;
  model: ModelRef;
  /** Cell id; defaults to a random UUID. */
  id?: string;
}

/** Creates an expanded diff cell with no scores whose original diff is `diff`. */
export function createDiffCell(options: CreateDiffCellOptions): DiffCell {
  return {
    id: options.id ?? newCellId(),
    type: 'diff',
    collapsed: false,
    diff: options.diff,
    originalDiff: options.diff,
    model: options.model,
    scores: [],
  };
}

/** Creates an expanded markdown cell. */
export function createMarkdownCell(source: string, id: string = newCellId()): MarkdownCell {
  return { id, type: 'markdown', collapsed: false, source };
}

/** Creates an expanded comparison cell with no results yet. */
export function createComparisonCell(diff: string, id: string = newCellId()): ComparisonCell {
  return { id, type: 'comparison', collapsed: false, diff, results: [] };
}
