/**
 * Typed model of a unified diff as `git diff` and `git format-patch` write it:
 * a patch contains files, a file contains hunks, a hunk contains lines.
 *
 * Every piece keeps the raw text it was parsed from, so that serializing a parsed patch
 * reproduces the input byte for byte (line endings included).
 */

/** Kind of one line inside a hunk. `'no-newline'` is the `\ No newline at end of file` marker. */
export type LineKind = 'added' | 'removed' | 'context' | 'no-newline';

export interface DiffLine {
  kind: LineKind;
  /** Line text without the leading `+`, `-` or space and without the line ending. */
  text: string;
  /** Line number in the old file, or null for added lines and markers. */
  oldLine: number | null;
  /** Line number in the new file, or null for removed lines and markers. */
  newLine: number | null;
  /** Line ending as found in the input: `'\n'`, `'\r\n'` or `''` at the end of the input. */
  eol: string;
  /** 1-based line number of this line inside the whole patch text. */
  patchLine: number;
  /**
   * True for an empty context line whose lone space was stripped by an editor. Only lenient
   * parsing accepts such a line, and it serializes back without the space.
   */
  missingPrefix?: boolean;
}

export interface Hunk {
  oldStart: number;
  /** Null when the header omits the count (`@@ -3 +3 @@` means a count of 1). */
  oldCount: number | null;
  newStart: number;
  newCount: number | null;
  /** Text after the second `@@`, such as the enclosing function name, without the leading space. */
  section: string;
  /** Raw header line without its line ending. */
  header: string;
  headerEol: string;
  /** 1-based line number of the header inside the whole patch text. */
  patchLine: number;
  lines: DiffLine[];
}

/**
 * What happened to a file. `'mode-changed'` is a file whose mode changed and whose content did
 * not (no hunks, not binary). A file with both a mode change and hunks is `'modified'` with
 * different `oldMode` and `newMode`.
 */
export type FileStatus = 'modified' | 'added' | 'deleted' | 'renamed' | 'copied' | 'mode-changed';

export interface FileDiff {
  /** Path before the change, without the `a/` prefix; null for a new file. */
  oldPath: string | null;
  /** Path after the change, without the `b/` prefix; null for a deleted file. */
  newPath: string | null;
  status: FileStatus;
  binary: boolean;
  oldMode: string | null;
  newMode: string | null;
  /**
   * Header lines from `diff --git` (or `---` in a plain `diff -u` patch) up to the first hunk,
   * verbatim with their line endings (`index`, mode lines, rename lines, `---`/`+++`,
   * `Binary files ... differ`, and a whole `GIT binary patch` block).
   */
  headerLines: string[];
  /** 1-based line number of the first header line inside the whole patch text. */
  patchLine: number;
  hunks: Hunk[];
}

export interface Patch {
  /**
   * Text before the first file, verbatim: a `git format-patch` mail header and commit
   * message, or nothing for plain `git diff` output.
   */
  preamble: string;
  files: FileDiff[];
  /** Text after the last hunk that belongs to no file, such as a format-patch signature. */
  trailer: string;
}
