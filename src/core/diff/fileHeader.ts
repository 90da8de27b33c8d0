/**
 * File headers: a `diff --git` line with git's extended header lines, or the `---`/`+++` pair of
 * a plain `diff -u` patch, up to the first hunk header.
 */
import { errorAt, isHunkHeaderLike, rawLine, type ParseContext } from './lines.ts';
import {
  readBinaryLinePaths,
  readExtendedHeaderPath,
  readGitLinePaths,
  readMarkerPath,
} from './paths.ts';
import type { FileDiff, FileStatus, Hunk } from './types.ts';

/** A file header read so far; paths and status are settled once its hunks are known. */
export interface FileHeader {
  git: boolean;
  headerLines: string[];
  patchLine: number;
  gitPaths: [string, string] | null;
  markerOld: string | null | undefined;
  markerNew: string | null | undefined;
  fromPath: string | undefined;
  toPath: string | undefined;
  kind: 'renamed' | 'copied' | 'added' | 'deleted' | null;
  binary: boolean;
  oldMode: string | null;
  newMode: string | null;
}

const BINARY_BLOCK_START = /^(literal|delta) \d+$/;
const BINARY_DATA = /^[A-Za-z][0-9A-Za-z!#$%&()*+;<=>?@^_`{|}~-]*$/;
const INDEX_MODE = /^index [0-9a-f]+\.\.[0-9a-f]+ ([0-7]{6})$/;

const HEADER_EXPECTED =
  "a git header line (index, mode, rename, copy or similarity), '--- <path>' and " +
  "'+++ <path>' lines, or a hunk header such as '@@ -12,7 +12,8 @@'";
const QUOTED_EXPECTED = 'a path in double quotes with C-style escapes, such as "a/\\303\\244.js"';

/**
 * True when line `i` starts a file: `diff --git`, a `diff` command line followed by `---`/`+++`
 * or `Binary files`, or a `---` line followed by a `+++` line.
 */
export function isFileStart(ctx: ParseContext, i: number): boolean {
  const text = ctx.texts[i]!;
  const next = ctx.texts[i + 1];

  if (text.startsWith('diff ')) {
    if (/^diff --(git|cc|combined) /.test(text)) return true;
    if (next === undefined) return false;
    if (next.startsWith('Binary files ')) return true;
    return next.startsWith('--- ') && (ctx.texts[i + 2]?.startsWith('+++ ') ?? false);
  }
  return text.startsWith('--- ') && (next?.startsWith('+++ ') ?? false);
}

/**
 * True when line `i` starts the trailer: only empty lines remain, or a format-patch signature
 * `-- ` begins. In lenient mode `-- ` could also be a removed line `- `, so it counts as a
 * signature only when a line without a diff prefix (such as a git version) follows it.
 */
export function isTrailerStart(ctx: ParseContext, i: number): boolean {
  if (i > ctx.lastNonEmpty) return true;
  if (ctx.texts[i] !== '-- ') return false;
  if (!ctx.lenient) return true;

  const next = ctx.texts[i + 1];
  if (next === undefined || next === '' || next.startsWith('@@')) return false;
  return !' +-\\'.includes(next[0]!) && !isFileStart(ctx, i + 1);
}

/** Reads a file header starting at line `start`; returns it and the index of the next line. */
export function readFileHeader(
  ctx: ParseContext,
  start: number,
): { header: FileHeader; next: number } {
  const first = ctx.texts[start]!;
  if (/^diff --(cc|combined) /.test(first)) {
    throw errorAt(ctx, start, 1, 'combined diff of a merge commit is not supported',
      "a two-way diff starting with 'diff --git', as git diff or git show --first-parent write");
  }

  const git = first.startsWith('diff --git ');
  const header: FileHeader = {
    git,
    headerLines: [],
    patchLine: start + 1,
    gitPaths: git ? readGitLinePaths(first.slice('diff --git '.length)) : null,
    markerOld: undefined,
    markerNew: undefined,
    fromPath: undefined,
    toPath: undefined,
    kind: null,
    binary: false,
    oldMode: null,
    newMode: null,
  };

  let i = start;
  if (first.startsWith('diff ')) {
    header.headerLines.push(rawLine(ctx, i));
    i++;
  }

  while (i < ctx.texts.length) {
    const text = ctx.texts[i]!;
    if (isHunkHeaderLike(text)) break;
    if (text.startsWith('diff ') && isFileStart(ctx, i)) break;
    if (text.startsWith('--- ') && header.markerOld !== undefined && isFileStart(ctx, i)) break;
    if (isTrailerStart(ctx, i)) break;

    header.headerLines.push(rawLine(ctx, i));
    if (text === 'GIT binary patch') {
      header.binary = true;
      i = skipBinaryBlocks(ctx, i + 1, header.headerLines);
      continue;
    }
    readHeaderLine(ctx, i, header);
    i++;
  }

  checkHeaderComplete(ctx, start, i, header);
  return { header, next: i };
}

/** Appends the `literal`/`delta` blocks of a `GIT binary patch`, each ended by one empty line. */
function skipBinaryBlocks(ctx: ParseContext, start: number, headerLines: string[]): number {
  let i = start;
  let afterData = false;
  while (i < ctx.texts.length) {
    const text = ctx.texts[i]!;
    const isBlockEnd = text === '' && afterData;
    if (!isBlockEnd && !BINARY_BLOCK_START.test(text) && !BINARY_DATA.test(text)) break;
    headerLines.push(rawLine(ctx, i));
    afterData = text !== '' && !BINARY_BLOCK_START.test(text);
    i++;
  }
  return i;
}

/** Applies one header line to the header, or raises when the line is not a header line. */
function readHeaderLine(ctx: ParseContext, i: number, header: FileHeader): void {
  const text = ctx.texts[i]!;

  const path = (prefixLength: number): string => {
    const value = readExtendedHeaderPath(text.slice(prefixLength));
    if (value === undefined) {
      throw errorAt(ctx, i, prefixLength + 1, 'invalid quoted path', QUOTED_EXPECTED);
    }
    return value;
  };
  const markerPath = (gitPrefix: string): string | null => {
    const value = readMarkerPath(text.slice(4), header.git ? gitPrefix : null);
    if (value === undefined) throw errorAt(ctx, i, 5, 'invalid quoted path', QUOTED_EXPECTED);
    return value;
  };

  if (text.startsWith('--- ')) {
    header.markerOld = markerPath('a/');
  } else if (text.startsWith('+++ ')) {
    header.markerNew = markerPath('b/');
  } else if (text.startsWith('old mode ')) {
    header.oldMode = text.slice('old mode '.length);
  } else if (text.startsWith('new mode ')) {
    header.newMode = text.slice('new mode '.length);
  } else if (text.startsWith('deleted file mode ')) {
    header.oldMode = text.slice('deleted file mode '.length);
    header.kind = 'deleted';
  } else if (text.startsWith('new file mode ')) {
    header.newMode = text.slice('new file mode '.length);
    header.kind = 'added';
  } else if (/^(rename|copy) from /.test(text) || text.startsWith('rename old ')) {
    header.kind = text.startsWith('copy') ? 'copied' : 'renamed';
    header.fromPath = path(text.indexOf(' ', text.indexOf(' ') + 1) + 1);
  } else if (/^(rename|copy) to /.test(text) || text.startsWith('rename new ')) {
    header.kind = text.startsWith('copy') ? 'copied' : 'renamed';
    header.toPath = path(text.indexOf(' ', text.indexOf(' ') + 1) + 1);
  } else if (text.startsWith('index ')) {
    const mode = INDEX_MODE.exec(text)?.[1];
    if (mode !== undefined) {
      header.oldMode ??= mode;
      header.newMode ??= mode;
    }
  } else if (text.startsWith('Binary files ')) {
    header.binary = true;
    const paths = readBinaryLinePaths(text, header.git);
    if (paths !== null && header.markerOld === undefined) {
      header.markerOld = paths[0];
      header.markerNew = paths[1];
    }
  } else if (!/^(dis)?similarity index /.test(text)) {
    throw errorAt(ctx, i, 1, `unexpected line in the header of ${describe(header)}`,
      HEADER_EXPECTED);
  }
}

/**
 * Checks a header once it is read: a file needs readable paths in both modes, and in strict
 * mode `---` needs `+++` and a git hunk needs both.
 */
function checkHeaderComplete(
  ctx: ParseContext,
  start: number,
  next: number,
  header: FileHeader,
): void {
  const hasOld = header.markerOld !== undefined;
  const hasNew = header.markerNew !== undefined;
  if (header.git && header.gitPaths === null && header.fromPath === undefined && !hasOld) {
    throw errorAt(ctx, start, 12, 'invalid diff --git line: its two paths cannot be read',
      "'diff --git a/<path> b/<path>', with paths that contain special characters in quotes");
  }
  if (ctx.lenient) return;

  if (hasOld !== hasNew && !header.binary) {
    const minus = header.headerLines.findIndex((line) => line.startsWith('--- '));
    const at = hasOld ? start + minus + 1 : start + minus;
    const missing = hasOld ? "'+++ <path>'" : "'--- <path>'";
    throw errorAt(ctx, at, 1, `missing ${missing} line in the header of ${describe(header)}`,
      `a ${missing} line next to the '${hasOld ? '---' : '+++'}' line`);
  }

  const startsHunk = next < ctx.texts.length && isHunkHeaderLike(ctx.texts[next]!);
  if (startsHunk && !hasOld) {
    throw errorAt(ctx, next, 1, `hunk before the '---' and '+++' lines of ${describe(header)}`,
      "'--- a/<path>' and '+++ b/<path>' lines before the first hunk");
  }
}

/** Names a file for error messages: its new path, else its old path, else its header line. */
function describe(header: FileHeader): string {
  const path = header.toPath ?? header.markerNew ?? header.gitPaths?.[1] ?? header.markerOld;
  return path === undefined || path === null ? `the file at line ${header.patchLine}` : path;
}

/** Builds the FileDiff from a header and its hunks, settling paths and status. */
export function finishFile(header: FileHeader, hunks: Hunk[]): FileDiff {
  let oldPath = header.fromPath ?? header.markerOld ?? header.gitPaths?.[0] ?? null;
  let newPath = header.toPath ?? header.markerNew ?? header.gitPaths?.[1] ?? null;

  let status: FileStatus = header.kind ?? 'modified';
  if (status === 'modified' && header.markerOld === null) status = 'added';
  if (status === 'modified' && header.markerNew === null) status = 'deleted';
  if (status === 'added') oldPath = null;
  if (status === 'deleted') newPath = null;

  const modeChanged =
    header.oldMode !== null && header.newMode !== null && header.oldMode !== header.newMode;
  if (status === 'modified' && modeChanged && hunks.length === 0 && !header.binary) {
    status = 'mode-changed';
  }

  return {
    oldPath,
    newPath,
    status,
    binary: header.binary,
    oldMode: header.oldMode,
    newMode: header.newMode,
    headerLines: header.headerLines,
    patchLine: header.patchLine,
    hunks,
  };
}
