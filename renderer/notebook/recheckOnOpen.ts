/**
 * Re-checks every result of a notebook after it opens: each stored score is computed again with
 * the installed model in the notebook worker, and results that no longer reproduce are flagged
 * in their cells instead of being shown as current.
 */
import { isStale, recheckNotebook } from '../../src/core/notebook/recheck.ts';
import type { Notebook } from '../../src/core/notebook/types.ts';
import { logEvent } from '../app/log.ts';
import { useWorkbench } from '../store/store.ts';
import { workerRecheckScorer } from './computeClient.ts';
import { useNotebookDocument } from './documentStore.ts';
import { onNotebookOpened } from './documentSync.ts';

/** Latest-only guard: a re-check of a notebook opened earlier never overwrites a newer one. */
let generation = 0;

async function recheck(notebook: Notebook): Promise<void> {
  const mine = ++generation;
  try {
    const findings = await recheckNotebook(notebook, workerRecheckScorer());
    if (mine !== generation) return;

    useNotebookDocument.getState().setFindings(findings);
    const stale = findings.filter(isStale);
    logEvent('info', `Re-checked ${findings.length} results: ${stale.length} did not reproduce.`);
    if (stale.length > 0) {
      useWorkbench.getState().showStatus('warning', `${stale.length} of ${findings.length} `
        + 'notebook results did not reproduce; they are flagged in the notebook view.');
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logEvent('warn', `Re-check of the notebook failed: ${message}`);
  }
}

/** Registers the re-check; call once at start-up. */
export function installRecheckOnOpen(): void {
  onNotebookOpened((notebook, readOnly) => {
    if (!readOnly) void recheck(notebook);
  });
}
