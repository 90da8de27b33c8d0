/** Builders for new notebooks and cells. */
import {
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  type DiffCell,
  type ModelRef,
  type Notebook,
} from './types.ts';

export interface CreateNotebookOptions {
  title: string;
  cells?: DiffCell[];
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

export interface CreateDiffCellOptions {
  diff: string;
  model: ModelRef;
  /** Cell id; defaults to a random UUID. */
  id?: string;
}

/** Creates a diff cell with no scores whose original diff is `diff`. */
export function createDiffCell(options: CreateDiffCellOptions): DiffCell {
  return {
    id: options.id ?? globalThis.crypto.randomUUID(),
    type: 'diff',
    diff: options.diff,
    originalDiff: options.diff,
    model: options.model,
    scores: [],
  };
}
