/** Store slice for the editor text, the original diff it is compared with, and its parse state. */
import type { StateCreator } from 'zustand';

import { parseDiffText, type ParseState } from './parseState.ts';
import type { WorkbenchState } from './store.ts';

export type TextReplaceKind = 'load' | 'edit';

export interface DiffSlice {
  /** Editor text, exactly as typed or pasted. */
  diffText: string;
  /** Text as first loaded; the score change is shown against this diff's score. */
  originalDiff: string;
  parse: ParseState;
  /**
   * Counter incremented when the text is replaced from outside the editor (open, paste, reset).
   * The editor view loads the store text on each increment, and never echoes its own edits back.
   */
  textRevision: number;
  /**
   * Kind of the last outside replacement. `load` starts a fresh undo history (open, paste), and
   * `edit` is one undoable edit (reset, hunk header repair).
   */
  textReplaceKind: TextReplaceKind;
  /** Index of the file shown in the side-by-side view, within the last valid patch. */
  selectedFileIndex: number;
  /** Records a user edit in the editor; the editor already shows the text. */
  editDiff: (text: string) => void;
  /** Replaces the editor text and the original diff, such as on open or paste. */
  replaceDiff: (text: string, originalDiff: string, kind?: TextReplaceKind) => void;
  selectFile: (index: number) => void;
}

export const createDiffSlice: StateCreator<WorkbenchState, [], [], DiffSlice> = (set) => ({
  diffText: '',
  originalDiff: '',
  parse: { status: 'empty' },
  textRevision: 0,
  textReplaceKind: 'load',
  selectedFileIndex: 0,

  editDiff: (text) => {
    set((state) => {
      const parse = parseDiffText(text);
      const selectedFileIndex = clampFile(state.selectedFileIndex, parse);
      return { diffText: text, parse, selectedFileIndex };
    });
  },

  replaceDiff: (text, originalDiff, kind = 'load') => {
    set((state) => {
      const parse = parseDiffText(text);
      const selected = kind === 'load' ? 0 : clampFile(state.selectedFileIndex, parse);
      return {
        diffText: text,
        originalDiff,
        parse,
        textRevision: state.textRevision + 1,
        textReplaceKind: kind,
        selectedFileIndex: selected,
      };
    });
  },

  selectFile: (index) => {
    set({ selectedFileIndex: index });
  },
});

/** Keeps the selected file when it still exists, so an edit does not jump the side-by-side view. */
function clampFile(index: number, parse: ParseState): number {
  if (parse.status !== 'ok') {
    return index;
  }
  const last = parse.patch.files.length - 1;
  return Math.max(0, Math.min(index, last));
}
