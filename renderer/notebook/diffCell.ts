/**
 * Converts between the workbench state and a notebook file. The workbench edits one diff cell,
 * and every other cell of an opened notebook is saved back unchanged. Pure, so the save and open
 * round trip can be tested without a browser.
 */
import {
  NOTEBOOK_FORMAT,
  NOTEBOOK_VERSION,
  type Cell,
  type DiffCell,
  type ModelRef,
  type Notebook,
  type ScoreRecord,
} from '../../src/core/notebook/types.ts';

/** Workbench state that a save writes into the diff cell. */
export interface DiffCellSource {
  title: string;
  createdAt: string;
  cellId: string;
  diff: string;
  originalDiff: string;
  model: ModelRef;
  scores: ScoreRecord[];
}

/**
 * Builds the notebook to save; `now` is the ISO 8601 modification time. With `base` (the
 * notebook as opened), the cell with `source.cellId` is replaced in place and every other cell
 * is kept, so saving never drops notes, explanations or evaluations that the workbench does not
 * show. Without it, or when that cell is gone, the diff cell is appended.
 */
export function buildNotebook(
  source: DiffCellSource,
  now: string,
  base: Notebook | null = null,
): Notebook {
  const previous = base?.cells.find((cell) => cell.id === source.cellId);
  const cell: DiffCell = {
    id: source.cellId,
    type: 'diff',
    collapsed: previous?.collapsed ?? false,
    diff: source.diff,
    originalDiff: source.originalDiff,
    model: { ...source.model },
    scores: source.scores.map((record) => ({ ...record })),
  };

  const others: Cell[] = base?.cells ?? [];
  const cells = previous === undefined
    ? [...others, cell]
    : others.map((other) => (other.id === source.cellId ? cell : other));

  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title: source.title,
    createdAt: source.createdAt,
    modifiedAt: now,
    cells,
  };
}

/**
 * Returns the first diff cell of a notebook. Raises when there is none, since the workbench has
 * nothing to show then.
 */
export function firstDiffCell(notebook: Notebook, path: string): DiffCell {
  const cell = notebook.cells.find((candidate): candidate is DiffCell => candidate.type === 'diff');
  if (cell === undefined) {
    throw new Error(
      `Notebook ${path} has no diff cell. Open a notebook saved by PerfLens, or paste a diff ` +
        'with Ctrl+N.',
    );
  }
  return cell;
}

const NOTEBOOK_SUFFIX = '.perflens.json';

/**
 * Turns what the user typed in the Save As dialog into a file name ending `.perflens.json`.
 * Raises on empty names and on names with path separators, because notebooks may only be
 * written into the folders that the host allows.
 */
export function notebookFileName(input: string): string {
  const name = input.trim();
  if (name === '') {
    throw new Error('Notebook name is empty. Type a name such as "loop-regression".');
  }
  if (/[\\/]/.test(name) || name === '.' || name === '..') {
    throw new Error(
      `Notebook name "${name}" contains a path separator. Type a plain file name, and pick ` +
        'the folder in the Folder field.',
    );
  }
  return name.endsWith(NOTEBOOK_SUFFIX) ? name : `${name}${NOTEBOOK_SUFFIX}`;
}

/** Notebook title from its file name: "loop-regression.perflens.json" -> "loop-regression". */
export function titleFromFileName(fileName: string): string {
  return fileName.endsWith(NOTEBOOK_SUFFIX)
    ? fileName.slice(0, -NOTEBOOK_SUFFIX.length)
    : fileName;
}
