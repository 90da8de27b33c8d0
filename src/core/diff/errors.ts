/** Error raised on malformed diff text, naming the 1-based line and column and what was expected. */
export class DiffParseError extends Error {
  override readonly name = 'DiffParseError';

  constructor(
    /** Short statement of what was wrong, such as "invalid hunk header". */
    readonly reason: string,
    readonly line: number,
    readonly column: number,
    /** What the parser expected at that position, written for the user. */
    readonly expected: string,
  ) {
    super(`Invalid diff at line ${line}, column ${column}: ${reason}. Expected ${expected}.`);
  }
}

/** Error raised by a diff edit on an invalid request, such as a line of the wrong kind. */
export class DiffEditError extends Error {
  override readonly name = 'DiffEditError';
}
