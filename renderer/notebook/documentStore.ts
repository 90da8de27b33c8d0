/**
 * Store of the open notebook document: its cells with undo and redo, the selected cell, the
 * view (workbench or notebook), presentation mode, re-check findings and cells being computed.
 * The editor's workbench store keeps the diff cell being edited; notebookActions merges the two.
 */
import { create } from 'zustand';

import type { RecheckFinding } from '../../src/core/notebook/recheck.ts';
import type { Cell } from '../../src/core/notebook/types.ts';

/** Undo steps kept; older ones drop off. */
export const MAX_UNDO = 100;

/** Edits with the same key within this many ms form one undo step, such as typing in a note. */
export const COALESCE_MS = 1500;

export type NotebookView = 'workbench' | 'notebook';

export interface DocumentState {
  cells: Cell[];
  past: Cell[][];
  future: Cell[][];
  /** Key and time of the last edit, for coalescing typing into one undo step. */
  lastEdit: { key: string; atMs: number } | null;
  /**
   * The cell list as last saved or opened. Undo returns the very same array, so the document is
   * clean again when `cells === savedCells`.
   */
  savedCells: Cell[] | null;
  selectedId: string | null;
  /** Markdown cell whose source is being edited, or null. */
  editingId: string | null;
  view: NotebookView;
  presenting: boolean;
  slide: number;
  findings: RecheckFinding[];
  /** Task label of each busy cell, such as "Explaining with bow", by cell id. */
  busy: Record<string, string>;

  /** Replaces the document, for example after open; clears history. */
  load: (cells: Cell[], options: { dirty: boolean }) => void;
  /** Applies a change as one undo step; `key` coalesces rapid edits of the same thing. */
  change: (mutate: (cells: Cell[]) => Cell[], key?: string) => void;
  /** Replaces cells without an undo step, such as syncing the workbench's diff cell. */
  replaceSilently: (cells: Cell[]) => void;
  undo: () => void;
  redo: () => void;
  markSaved: () => void;
  select: (id: string | null) => void;
  setEditing: (id: string | null) => void;
  setView: (view: NotebookView) => void;
  setPresenting: (presenting: boolean) => void;
  setSlide: (slide: number) => void;
  setFindings: (findings: RecheckFinding[]) => void;
  setBusy: (cellId: string, task: string | null) => void;
}

/** The empty document; cells and savedCells share it so that a new document is clean. */
const NO_CELLS: Cell[] = [];

export const useNotebookDocument = create<DocumentState>()((set, get) => ({
  cells: NO_CELLS,
  past: [],
  future: [],
  lastEdit: null,
  savedCells: NO_CELLS,
  selectedId: null,
  editingId: null,
  view: 'workbench',
  presenting: false,
  slide: 0,
  findings: [],
  busy: {},

  load: (cells, options) => {
    set({
      cells,
      past: [],
      future: [],
      lastEdit: null,
      savedCells: options.dirty ? null : cells,
      selectedId: cells[0]?.id ?? null,
      editingId: null,
      findings: [],
      busy: {},
    });
  },

  change: (mutate, key) => {
    const state = get();
    const next = mutate(state.cells);
    const now = Date.now();
    const coalesce =
      key !== undefined &&
      state.lastEdit !== null &&
      state.lastEdit.key === key &&
      now - state.lastEdit.atMs < COALESCE_MS;

    set({
      cells: next,
      past: coalesce ? state.past : [...state.past, state.cells].slice(-MAX_UNDO),
      future: [],
      lastEdit: key === undefined ? null : { key, atMs: now },
    });
  },

  replaceSilently: (cells) => {
    const state = get();
    set({ cells, savedCells: state.cells === state.savedCells ? cells : state.savedCells });
  },

  undo: () => {
    const state = get();
    const previous = state.past.at(-1);
    if (previous === undefined) return;
    set({
      cells: previous,
      past: state.past.slice(0, -1),
      future: [state.cells, ...state.future],
      lastEdit: null,
    });
  },

  redo: () => {
    const state = get();
    const next = state.future[0];
    if (next === undefined) return;
    set({
      cells: next,
      past: [...state.past, state.cells],
      future: state.future.slice(1),
      lastEdit: null,
    });
  },

  markSaved: () => set({ savedCells: get().cells }),
  select: (id) => set({ selectedId: id }),
  setEditing: (id) => set({ editingId: id }),
  setView: (view) => set({ view, presenting: view === 'notebook' && get().presenting }),
  setPresenting: (presenting) => set({ presenting, slide: presenting ? get().slide : 0 }),
  setSlide: (slide) => set({ slide: Math.max(0, Math.min(get().cells.length - 1, slide)) }),
  setFindings: (findings) => set({ findings }),

  setBusy: (cellId, task) => {
    const busy = { ...get().busy };
    if (task === null) delete busy[cellId];
    else busy[cellId] = task;
    set({ busy });
  },
}));

/** Returns whether the document has changes since the last save or open. */
export function isDocumentDirty(state: Pick<DocumentState, 'cells' | 'savedCells'>): boolean {
  return state.cells !== state.savedCells;
}
