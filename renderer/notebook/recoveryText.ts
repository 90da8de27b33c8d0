/**
 * Text of the recovery dialog: when the work was autosaved, in the reader's local time, and how
 * many cells it has. Pure, so the wording is tested under Node.
 */
import type { RecoveryRecord } from './recoveryRecord.ts';

/**
 * Formats an ISO 8601 time as a local date and time, such as `4 Dec 2026, 20:35` in en-GB.
 * Returns the text unchanged when it is not a valid time, so a damaged record still shows it.
 */
export function formatLocalTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;

  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/** Counts a noun with its plural: `1 cell`, `3 cells`. */
export function countNoun(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** Returns the dialog's first sentence: when the work was saved, its cell count and notebook. */
export function recoverySummary(
  record: RecoveryRecord,
  locale?: string,
  timeZone?: string,
): string {
  const where = record.notebookPath ?? 'an untitled notebook';
  const when = formatLocalTime(record.savedAt, locale, timeZone);
  const cells = countNoun(record.notebook.cells.length, 'cell');
  return `PerfLens found unsaved work from ${when}: ${cells} of ${where}.`;
}
