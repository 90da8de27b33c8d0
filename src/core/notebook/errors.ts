/** Errors raised while reading or writing a notebook file. */

/** One failed check, located by its path inside the file (such as `cells[0].scores[2].at`). */
export interface NotebookIssue {
  /** Path inside the notebook; an empty string is the top-level object. */
  path: string;
  /** Sentence naming the path, the rule and the value found, ending with a period. */
  message: string;
}

/**
 * Why a file failed to load: broken JSON (`syntax`, for example a truncated file), JSON that is
 * not a PerfLens notebook (`not-a-notebook`), or a notebook with invalid fields (`schema`).
 */
export type InvalidNotebookReason = 'syntax' | 'not-a-notebook' | 'schema';

/** Error raised on a file that is not a valid notebook; `message` names the first issue. */
export class InvalidNotebookError extends Error {
  override readonly name = 'InvalidNotebookError';

  constructor(
    readonly reason: InvalidNotebookReason,
    /** Every issue found, in file order; the message shows the first one. */
    readonly issues: NotebookIssue[],
    /** 1-based position of a JSON syntax error, or null for other reasons. */
    readonly position: { line: number; column: number } | null = null,
  ) {
    super(formatIssues(issues));
  }
}

/**
 * Error raised on a notebook written by a newer PerfLens. The UI can catch it, show `data`
 * read-only and warn that saving needs a newer version.
 */
export class NewerNotebookVersionError extends Error {
  override readonly name = 'NewerNotebookVersionError';

  constructor(
    readonly version: number,
    readonly supportedVersion: number,
    /** The parsed JSON, unvalidated, for a read-only view. */
    readonly data: unknown,
  ) {
    super(
      `Notebook version ${version} is newer than this PerfLens supports (version ` +
        `${supportedVersion}). It opens read-only; update PerfLens to edit and save it.`,
    );
  }
}

function formatIssues(issues: NotebookIssue[]): string {
  const first = issues[0];
  if (first === undefined) return 'Invalid notebook.';

  const rest = issues.length - 1;
  const more = rest === 0 ? '' : ` (${rest} more ${rest === 1 ? 'issue' : 'issues'})`;
  return `Invalid notebook: ${first.message}${more}`;
}
