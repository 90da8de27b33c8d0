/** Store slice for the status message and the dialog that is open. */
import type { StateCreator } from 'zustand';

import type { WorkbenchState } from './store.ts';

export type StatusKind = 'info' | 'warning' | 'error';

export interface StatusMessage {
  kind: StatusKind;
  text: string;
}

/** A question asked before an action replaces unsaved edits. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
}

export type DialogState =
  | { kind: 'none' }
  | { kind: 'open' }
  | { kind: 'save-as' }
  | { kind: 'paste' }
  | { kind: 'confirm'; request: ConfirmRequest };

export interface UiSlice {
  statusMessage: StatusMessage | null;
  dialog: DialogState;
  showStatus: (kind: StatusKind, text: string) => void;
  clearStatus: () => void;
  openDialog: (dialog: DialogState) => void;
  closeDialog: () => void;
}

export const createUiSlice: StateCreator<WorkbenchState, [], [], UiSlice> = (set) => ({
  statusMessage: null,
  dialog: { kind: 'none' },

  showStatus: (kind, text) => {
    set({ statusMessage: { kind, text } });
  },

  clearStatus: () => {
    set({ statusMessage: null });
  },

  openDialog: (dialog) => {
    set({ dialog });
  },

  closeDialog: () => {
    set({ dialog: { kind: 'none' } });
  },
});
