import { useState } from 'react';

import { confirmBeforeReplacing, startNewDiff } from '../app/editActions.ts';
import { parseDiffText } from '../store/parseState.ts';
import { useWorkbench } from '../store/store.ts';
import { Modal } from './Modal.tsx';

/**
 * Starts a new notebook from a pasted diff (such as `git diff` output). An empty paste starts an
 * empty editor. The text is checked before it replaces anything, so a bad paste costs nothing.
 */
export function PasteDialog() {
  const closeDialog = useWorkbench((state) => state.closeDialog);
  const [text, setText] = useState('');
  const parse = parseDiffText(text);

  const accept = () => {
    closeDialog();
    confirmBeforeReplacing('Starting a new diff', () => startNewDiff(text));
  };

  const summary = parse.status === 'empty'
    ? 'Empty: starts a blank editor.'
    : parse.status === 'error'
      ? `Does not parse yet: ${parse.error.message} You can still fix it in the editor.`
      : `${parse.patch.files.length} ${parse.patch.files.length === 1 ? 'file' : 'files'} `
        + 'parsed.';

  return (
    <Modal title="New diff" testId="paste-dialog" wide>
      <p className="pl-modal-text">
        Paste a unified diff, such as the output of <code>git diff</code> or{' '}
        <code>git format-patch</code>. It becomes the original diff of a new notebook.
      </p>
      <textarea
        className="pl-textarea"
        data-testid="paste-text"
        spellCheck={false}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            accept();
          }
        }}
        placeholder="diff --git a/src/index.js b/src/index.js"
      />
      <p className={`pl-modal-hint${parse.status === 'error' ? ' is-warning' : ''}`}>{summary}</p>
      <div className="pl-modal-actions">
        <button type="button" className="pl-button" onClick={closeDialog}>Cancel</button>
        <button type="button" className="pl-button is-primary" data-testid="paste-accept"
          onClick={accept}>
          Start from this diff <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </Modal>
  );
}
