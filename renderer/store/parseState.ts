/**
 * Parse state of the editor text: the lenient parse on every edit, its warnings, and the stale
 * label that the score panel shows while the text does not parse.
 */
import {
  DiffParseError,
  findHunkCountMismatches,
  parsePatch,
  type Patch,
} from '../../src/core/diff/index.ts';

/** A parse error or warning reduced to what the editor marker and the status bar need. */
export interface DiffProblem {
  message: string;
  reason: string;
  /** 1-based line inside the editor text. */
  line: number;
  /** 1-based column inside that line. */
  column: number;
}

export type ParseState =
  | { status: 'empty' }
  | { status: 'ok'; patch: Patch; warnings: DiffProblem[] }
  | { status: 'error'; error: DiffProblem };

/** Converts a DiffParseError to the plain object kept in the store. */
export function toDiffProblem(error: DiffParseError): DiffProblem {
  return {
    message: error.message,
    reason: error.reason,
    line: error.line,
    column: error.column,
  };
}

/**
 * Parses editor text in lenient mode, so that a half-typed hunk still scores. Hunk count
 * mismatches become warnings. Errors other than DiffParseError are bugs and are re-raised.
 */
export function parseDiffText(text: string): ParseState {
  if (text.trim() === '') {
    return { status: 'empty' };
  }

  try {
    const patch = parsePatch(text, { lenient: true });
    const warnings = findHunkCountMismatches(patch).map(toDiffProblem);
    return { status: 'ok', patch, warnings };
  } catch (error) {
    if (error instanceof DiffParseError) {
      return { status: 'error', error: toDiffProblem(error) };
    }
    throw error;
  }
}

/**
 * Label shown over the last valid score when it no longer matches the editor text, or null
 * when the score is current.
 */
export function staleLabel(parse: ParseState): string | null {
  if (parse.status === 'error') {
    return `stale: fix the diff at line ${parse.error.line}`;
  }
  if (parse.status === 'empty') {
    return 'stale: the editor is empty';
  }
  return null;
}

/** One-line parse summary for the status bar. */
export function parseSummary(parse: ParseState): string {
  if (parse.status === 'empty') {
    return 'No diff';
  }
  if (parse.status === 'error') {
    return `Parse error at ${parse.error.line}:${parse.error.column}`;
  }

  const files = parse.patch.files.length;
  const warningCount = parse.warnings.length;
  const fileWord = files === 1 ? 'file' : 'files';
  if (warningCount === 0) {
    return `Parsed ${files} ${fileWord}`;
  }
  const warningWord = warningCount === 1 ? 'warning' : 'warnings';
  return `Parsed ${files} ${fileWord}, ${warningCount} ${warningWord}`;
}
