/** Writes notebooks as stable, diff-friendly JSON text. */
import { InvalidNotebookError } from './errors.ts';
import { notebookSchema, validateNotebook } from './notebookSchema.ts';
import { orderKeys } from './schema.ts';
import { NOTEBOOK_VERSION, type Notebook } from './types.ts';

/**
 * Serializes a notebook: keys in schema order, 2-space indent and a trailing newline, so that
 * `parseNotebook(serializeNotebook(x))` deep-equals `x`. Throws InvalidNotebookError when the
 * notebook is invalid or not at the current version, because such a file could not be reopened.
 */
export function serializeNotebook(notebook: Notebook): string {
  if (notebook.version !== NOTEBOOK_VERSION) {
    throw new InvalidNotebookError('schema', [
      {
        path: 'version',
        message:
          `version must be ${NOTEBOOK_VERSION} to save, found ${notebook.version}. ` +
          'Open newer notebooks read-only; parse older ones first to migrate them.',
      },
    ]);
  }

  const issues = validateNotebook(notebook);
  if (issues.length > 0) throw new InvalidNotebookError('schema', issues);

  return `${JSON.stringify(orderKeys(notebookSchema, notebook), null, 2)}\n`;
}
