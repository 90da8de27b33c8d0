/**
 * Offers unsaved work found in the recovery file at start-up: Restore puts it back, Discard
 * removes the file. Shown once the workbench has loaded its start notebook and model, so the
 * restored work is not replaced by them afterwards.
 */
import { useEffect, useState } from 'react';

import { Modal } from '../dialogs/Modal.tsx';
import { useWorkbench } from '../store/store.ts';
import { discardRecovery, readRecovery, restoreRecovery, startAutosave } from './autosave.ts';
import type { RecoveryRecord } from './recoveryRecord.ts';
import { recoverySummary } from './recoveryText.ts';

/** Resolves once start-up has settled: a model is ready or failed, or no model exists. */
function startupSettled(): Promise<void> {
  const settled = () => {
    const state = useWorkbench.getState();
    return state.modelStatus === 'ready' || state.modelStatus === 'error'
      || (state.models.length === 0 && state.statusMessage !== null);
  };
  if (settled()) return Promise.resolve();

  return new Promise((resolve) => {
    const stop = useWorkbench.subscribe(() => {
      if (!settled()) return;
      stop();
      resolve();
    });
  });
}

/** Stops the running autosave; set once autosave starts. */
let stopAutosave: (() => void) | null = null;

/** Starts autosave once, after the user has restored or discarded any recovered work. */
function ensureAutosave(): void {
  stopAutosave ??= startAutosave();
}

export function RecoveryPrompt() {
  const [record, setRecord] = useState<RecoveryRecord | null>(null);

  useEffect(() => {
    let cancelled = false;

    void (async () => {
      await startupSettled();
      const found = await readRecovery();
      if (cancelled) return;
      if (found === null) ensureAutosave();
      else setRecord(found);
    })();

    return () => {
      cancelled = true;
    };
  }, []);

  if (record === null) return null;

  const close = () => {
    setRecord(null);
    ensureAutosave();
  };
  return (
    <Modal title="Recover unsaved work?" testId="recovery-dialog">
      <p className="pl-modal-text">
        {recoverySummary(record)} It was autosaved before PerfLens closed without saving.
      </p>
      <div className="pl-modal-actions">
        <button type="button" className="pl-button" data-testid="recovery-discard"
          onClick={() => { close(); void discardRecovery(); }}>
          Discard
        </button>
        <button type="button" className="pl-button is-primary" data-testid="recovery-restore"
          onClick={() => { close(); void restoreRecovery(record); }}>
          Restore
        </button>
      </div>
    </Modal>
  );
}
