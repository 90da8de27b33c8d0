/** Reads notebook text: JSON syntax, file kind, version, migration, then the schema. */
import { InvalidNotebookError, NewerNotebookVersionError } from './errors.ts';
import { findJsonSyntaxError } from './jsonSyntax.ts';
import { migrateNotebook } from './migrate.ts';
import { validateNotebook } from './notebookSchema.ts';
import { describeValue, isPlainObject } from './schema.ts';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type Notebook } from './types.ts';

const OPEN_HINT = 'Open a *.perflens.json file saved by PerfLens.';

/**
 * Parses and validates the text of a notebook file, migrating older versions.
 *
 * Throws InvalidNotebookError on broken JSON (naming line and column), on JSON that is not a
 * notebook, and on invalid fields (naming each path), and NewerNotebookVersionError on a file
 * written by a newer PerfLens.
 */
export function parseNotebook(text: string): Notebook {
  const data = parseJson(text.startsWith('\uFEFF') ? text.slice(1) : text);

  if (!isPlainObject(data)) {
    const found = Array.isArray(data) ? 'a JSON array' : `the JSON value ${describeValue(data)}`;
    throw new InvalidNotebookError('not-a-notebook', [
      { path: '', message: `the file contains ${found}, not a notebook object. ${OPEN_HINT}` },
    ]);
  }

  if (data.format !== NOTEBOOK_FORMAT) {
    throw new InvalidNotebookError('not-a-notebook', [
      {
        path: 'format',
        message:
          `format must be "${NOTEBOOK_FORMAT}", found ${describeValue(data.format)}, so this ` +
          `JSON file is not a PerfLens notebook. ${OPEN_HINT}`,
      },
    ]);
  }

  const version = data.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InvalidNotebookError('schema', [
      {
        path: 'version',
        message: `version must be an integer >= 1, found ${describeValue(version)}.`,
      },
    ]);
  }
  if (version > NOTEBOOK_VERSION) {
    throw new NewerNotebookVersionError(version, NOTEBOOK_VERSION, data);
  }

  const migrated = migrateNotebook({ ...data, version });
  const issues = validateNotebook(migrated);
  if (issues.length > 0) throw new InvalidNotebookError('schema', issues);

  return migrated as unknown as Notebook;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;

    const syntaxError = findJsonSyntaxError(text);
    if (syntaxError === null) throw error;

    const { line, column, reason } = syntaxError;
    const location = `line ${line}, column ${column}`;
    const truncated = syntaxError.offset >= text.length;
    const advice = truncated
      ? 'The file ends early and may be truncated; restore it from a backup or complete the JSON.'
      : 'Fix the JSON at that position.';

    throw new InvalidNotebookError(
      'syntax',
      [{ path: '', message: `invalid JSON at ${location}: ${reason}. ${advice}` }],
      { line, column },
    );
  }
}
