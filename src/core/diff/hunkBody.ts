/**
 * Hunk bodies. Strict mode ends a hunk when its header counts are used up. Lenient mode ends it
 * at the next hunk header, file header, trailer or end of text, whatever the counts declare.
 */
import { isFileStart, isTrailerStart } from './fileHeader.ts';
import { isHeaderProblem, parseHunkHeader, type HunkRange } from './hunkHeader.ts';
import { errorAt, isHunkHeaderLike, type ParseContext } from './lines.ts';
import type { DiffLine, Hunk, LineKind } from './types.ts';

const SPACE = 32;
const PLUS = 43;
const MINUS = 45;
const BACKSLASH = 92;

const PREFIX_EXPECTED = "a line starting with ' ', '+', '-' or '\\'";

/** First line number of a side: a count of 0 makes the start the line before the hunk. */
export function firstLineNumber(start: number, count: number): number {
  return count === 0 ? start + 1 : start;
}

/** Reads the hunk whose header is line `start`; returns it and the index of the next line. */
export function readHunk(
  ctx: ParseContext,
  start: number,
  plainFile: boolean,
): { hunk: Hunk; next: number } {
  const header = ctx.texts[start]!;
  const range = parseHunkHeader(header);
  if (isHeaderProblem(range)) {
    throw errorAt(ctx, start, range.column, 'invalid hunk header', range.expected);
  }

  const hunk: Hunk = {
    oldStart: range.oldStart,
    oldCount: range.oldCount,
    newStart: range.newStart,
    newCount: range.newCount,
    section: range.section,
    header,
    headerEol: ctx.eols[start]!,
    patchLine: start + 1,
    lines: [],
  };
  const next = ctx.lenient
    ? readLenientBody(ctx, start + 1, hunk, plainFile)
    : readStrictBody(ctx, start + 1, hunk, range);
  return { hunk, next };
}

/** Line numbering state of a body being read. */
interface Cursor {
  oldLine: number;
  newLine: number;
}

function pushLine(ctx: ParseContext, i: number, hunk: Hunk, cursor: Cursor, kind: LineKind): void {
  const text = ctx.texts[i]!;
  const line: DiffLine = {
    kind,
    text: text.slice(1),
    oldLine: kind === 'context' || kind === 'removed' ? cursor.oldLine++ : null,
    newLine: kind === 'context' || kind === 'added' ? cursor.newLine++ : null,
    eol: ctx.eols[i]!,
    patchLine: i + 1,
  };
  hunk.lines.push(line);
}

function startCursor(hunk: Hunk): Cursor {
  return {
    oldLine: firstLineNumber(hunk.oldStart, hunk.oldCount ?? 1),
    newLine: firstLineNumber(hunk.newStart, hunk.newCount ?? 1),
  };
}

function readStrictBody(ctx: ParseContext, start: number, hunk: Hunk, range: HunkRange): number {
  const oldTotal = range.oldCount ?? 1;
  const newTotal = range.newCount ?? 1;
  const cursor = startCursor(hunk);
  let oldDue = oldTotal;
  let newDue = newTotal;

  let i = start;
  while (oldDue > 0 || newDue > 0) {
    const code = i < ctx.texts.length ? ctx.texts[i]!.charCodeAt(0) : NaN;
    const fits =
      (code === SPACE && oldDue > 0 && newDue > 0) ||
      (code === MINUS && oldDue > 0) ||
      (code === PLUS && newDue > 0) ||
      code === BACKSLASH;

    if (!fits) throw strictBodyError(ctx, i, hunk, oldTotal - oldDue, newTotal - newDue);

    const kind = lineKind(code);
    pushLine(ctx, i, hunk, cursor, kind);
    if (kind === 'context' || kind === 'removed') oldDue--;
    if (kind === 'context' || kind === 'added') newDue--;
    i++;
  }

  // A `\ No newline at end of file` marker after the last counted line still belongs here.
  if (i < ctx.texts.length && ctx.texts[i]!.charCodeAt(0) === BACKSLASH) {
    pushLine(ctx, i, hunk, cursor, 'no-newline');
    i++;
  }

  // A body line right after the counts are used up means the header counts are too small.
  const code = i < ctx.texts.length ? ctx.texts[i]!.charCodeAt(0) : NaN;
  const bodyLike = code === SPACE || code === PLUS || code === MINUS;
  if (bodyLike && !isFileStart(ctx, i) && !isTrailerStart(ctx, i)) {
    throw strictBodyError(ctx, i, hunk, oldTotal, newTotal);
  }
  return i;
}

function lineKind(code: number): LineKind {
  if (code === SPACE) return 'context';
  if (code === MINUS) return 'removed';
  if (code === PLUS) return 'added';
  return 'no-newline';
}

/** Explains why line `i` cannot continue a strict hunk that has read `oldSeen`/`newSeen` lines. */
function strictBodyError(
  ctx: ParseContext,
  i: number,
  hunk: Hunk,
  oldSeen: number,
  newSeen: number,
): Error {
  const text = ctx.texts[i];
  const oldTotal = hunk.oldCount ?? 1;
  const newTotal = hunk.newCount ?? 1;
  const declared =
    `the header at line ${hunk.patchLine} declares ${oldTotal} old and ${newTotal} new lines`;
  const fix = 'or header counts that match the body (lenient mode accepts a mismatch)';

  const first = text?.[0];
  if (first === ' ' || first === '+' || first === '-') {
    const due = describeDue(oldTotal - oldSeen, newTotal - newSeen);
    return errorAt(ctx, i, 1, `hunk body is longer than its header counts: ${declared}`,
      `${due}, ${fix}`);
  }

  const endsEarly =
    text === undefined || isHunkHeaderLike(text) || isFileStart(ctx, i) || i > ctx.lastNonEmpty;
  if (endsEarly) {
    return errorAt(ctx, i, 1,
      `hunk body ends early: ${declared}, but the body has ${oldSeen} old and ${newSeen} new lines`,
      `${describeDue(oldTotal - oldSeen, newTotal - newSeen)}, ${fix}`);
  }

  if (text === '') {
    return errorAt(ctx, i, 1, 'empty line inside a hunk',
      "a single space ' ' for an empty context line (lenient mode accepts an empty line)");
  }
  return errorAt(ctx, i, 1, 'hunk line without a prefix', PREFIX_EXPECTED);
}

/** Describes the lines a hunk still needs, for error messages. */
function describeDue(oldDue: number, newDue: number): string {
  const plural = (count: number): string => (count === 1 ? 'line' : 'lines');
  if (oldDue > 0 && newDue > 0) {
    return `${oldDue} more old and ${newDue} more new ${plural(newDue)} ` +
      "(lines starting with ' ', '-' or '+')";
  }
  if (oldDue > 0) return `${oldDue} more removed ${plural(oldDue)} starting with '-'`;
  if (newDue > 0) return `${newDue} more added ${plural(newDue)} starting with '+'`;
  return "the next hunk header, a 'diff --git' line or the end of the patch";
}

function readLenientBody(ctx: ParseContext, start: number, hunk: Hunk, plainFile: boolean): number {
  const cursor = startCursor(hunk);

  let i = start;
  for (; i < ctx.texts.length; i++) {
    const text = ctx.texts[i]!;
    const code = text.charCodeAt(0);

    if (code === MINUS) {
      if (isTrailerStart(ctx, i)) break;
      if (plainFile && startsPlainFile(ctx, i)) break;
    }

    if (code === SPACE || code === MINUS || code === PLUS || code === BACKSLASH) {
      pushLine(ctx, i, hunk, cursor, lineKind(code));
    } else if (text === '') {
      if (i > ctx.lastNonEmpty) break;
      pushLine(ctx, i, hunk, cursor, 'context');
      hunk.lines[hunk.lines.length - 1]!.missingPrefix = true;
    } else if (isHunkHeaderLike(text) || isFileStart(ctx, i)) {
      break;
    } else {
      throw errorAt(ctx, i, 1, 'hunk line without a prefix', PREFIX_EXPECTED);
    }
  }
  return i;
}

/** In a plain `diff -u` patch, `---`, `+++` and `@@` lines in a row start the next file. */
function startsPlainFile(ctx: ParseContext, i: number): boolean {
  return (
    ctx.texts[i]!.startsWith('--- ') &&
    (ctx.texts[i + 1]?.startsWith('+++ ') ?? false) &&
    (ctx.texts[i + 2]?.startsWith('@@') ?? false)
  );
}
