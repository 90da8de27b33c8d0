/**
 * The "close with unsaved changes?" decision of one window, kept free of Electron so that it is
 * tested under Node. The renderer reports its unsaved flag, and the main process calls this
 * guard on each close request, prompt answer and flag change to decide what to do.
 */

export type ClosePromptChoice = 'save' | 'discard' | 'cancel';

/** Prompt buttons in display order; the index of the clicked button maps back to a choice. */
export const CLOSE_PROMPT_BUTTONS: ReadonlyArray<{ label: string; choice: ClosePromptChoice }> = [
  { label: 'Save', choice: 'save' },
  { label: "Don't Save", choice: 'discard' },
  { label: 'Cancel', choice: 'cancel' },
];

export class CloseGuard {
  private unsaved = false;
  private closeAllowed = false;
  private closeAfterSave = false;

  /** On a window close request: `close` lets it close, `prompt` means prevent it and ask. */
  onCloseRequested(): 'close' | 'prompt' {
    return this.closeAllowed || !this.unsaved ? 'close' : 'prompt';
  }

  /**
   * After the prompt: `close` means close the window now, `save` means ask the renderer to
   * save (the window then closes once the renderer reports no unsaved changes), `stay` keeps it.
   */
  onPromptAnswered(choice: ClosePromptChoice): 'close' | 'save' | 'stay' {
    if (choice === 'discard') {
      this.closeAllowed = true;
      return 'close';
    }
    if (choice === 'save') {
      this.closeAfterSave = true;
      return 'save';
    }
    this.closeAfterSave = false;
    return 'stay';
  }

  /** On the renderer's unsaved flag: returns `close` when a pending save-then-close finished. */
  onUnsavedChanged(unsaved: boolean): 'close' | 'none' {
    this.unsaved = unsaved;
    if (unsaved || !this.closeAfterSave) return 'none';

    this.closeAfterSave = false;
    this.closeAllowed = true;
    return 'close';
  }
}
