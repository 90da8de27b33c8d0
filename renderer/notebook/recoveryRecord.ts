/**
 * The autosave recovery record: the whole unsaved notebook (every cell, with the editor's diff
 * cell merged in) and which file it belongs to. Written through the host's recovery file and
 * offered back on the next start. Pure, so building and parsing it are tested under Node.
 */
import { parseNotebook } from '../../src/core/notebook/parse.ts';
import { serializeNotebook } from '../../src/core/notebook/serialize.ts';
import type { Notebook } from '../../src/core/notebook/types.ts';

export const RECOVERY_FORMAT = 'perflens-recovery';
export const RECOVERY_VERSION = 1;

/** Delay between the last change and the autosave, in milliseconds. */
export const AUTOSAVE_DELAY_MS = 2000;

/** Maximum time in milliseconds that changes wait for an autosave while edits keep coming. */
export const AUTOSAVE_MAX_WAIT_MS = 10_000;

export interface RecoveryRecord {
  /** ISO 8601 time of the autosave. */
  savedAt: string;
  /** File the notebook was opened from or saved to, or null for a notebook never saved. */
  notebookPath: string | null;
  /** Id of the diff cell that was open in the editor. */
  editorCellId: string;
  notebook: Notebook;
}

/** Serializes a record; the notebook is validated, so an invalid one raises here, not later. */
export function serializeRecovery(record: RecoveryRecord): string {
  return `${JSON.stringify({
    format: RECOVERY_FORMAT,
    version: RECOVERY_VERSION,
    savedAt: record.savedAt,
    notebookPath: record.notebookPath,
    editorCellId: record.editorCellId,
    notebookText: serializeNotebook(record.notebook),
  })}\n`;
}

/** Parses recovery text. Raises an error that names the invalid field, for the status bar. */
export function parseRecovery(text: string): RecoveryRecord {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Recovery file is not valid JSON (${(error as Error).message}).`);
  }

  if (value === null || typeof value !== 'object' || value.format !== RECOVERY_FORMAT) {
    throw new Error(`Recovery file has no "format": "${RECOVERY_FORMAT}" field.`);
  }
  if (value.version !== RECOVERY_VERSION) {
    throw new Error(`Recovery file version ${String(value.version)} is not supported; this ` +
      `PerfLens reads version ${RECOVERY_VERSION}.`);
  }
  for (const field of ['savedAt', 'editorCellId', 'notebookText'] as const) {
    if (typeof value[field] !== 'string') {
      throw new Error(`Recovery file field "${field}" must be a string.`);
    }
  }
  if (value.notebookPath !== null && typeof value.notebookPath !== 'string') {
    throw new Error('Recovery file field "notebookPath" must be a string or null.');
  }

  return {
    savedAt: value.savedAt as string,
    notebookPath: value.notebookPath as string | null,
    editorCellId: value.editorCellId as string,
    notebook: parseNotebook(value.notebookText as string),
  };
}
