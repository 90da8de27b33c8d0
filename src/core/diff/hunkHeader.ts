/**
 * Hunk headers: `@@ -<old start>[,<old count>] +<new start>[,<new count>] @@[ <section>]`.
 * An omitted count means 1, and a count of 0 makes the start the line before the hunk.
 */

/** Fields of a hunk header; counts are null when the header omits them. */
export interface HunkRange {
  oldStart: number;
  oldCount: number | null;
  newStart: number;
  newCount: number | null;
  section: string;
}

/** A malformed header: 1-based column of the first wrong character and what belongs there. */
export interface HunkHeaderProblem {
  column: number;
  expected: string;
}

const HEADER_FORM = "'@@ -<start>,<count> +<start>,<count> @@', such as '@@ -12,7 +12,8 @@'";

/** Parses a hunk header, or returns where and why it is malformed. */
export function parseHunkHeader(line: string): HunkRange | HunkHeaderProblem {
  let pos = 0;

  const literal = (expectedText: string): HunkHeaderProblem | null => {
    for (let k = 0; k < expectedText.length; k++) {
      if (line[pos + k] !== expectedText[k]) {
        return { column: pos + k + 1, expected: `'${expectedText}' in a header ${HEADER_FORM}` };
      }
    }
    pos += expectedText.length;
    return null;
  };

  const number = (what: string): number | HunkHeaderProblem => {
    const begin = pos;
    while (pos < line.length && line.charCodeAt(pos) >= 48 && line.charCodeAt(pos) <= 57) pos++;
    if (pos === begin) {
      return { column: begin + 1, expected: `the ${what} as digits in a header ${HEADER_FORM}` };
    }
    return Number(line.slice(begin, pos));
  };

  const range = (side: string): [number, number | null] | HunkHeaderProblem => {
    const start = number(`${side} start line`);
    if (typeof start !== 'number') return start;
    if (line[pos] !== ',') return [start, null];
    pos++;
    const count = number(`${side} line count`);
    if (typeof count !== 'number') return count;
    return [start, count];
  };

  const opening = literal('@@ -');
  if (opening !== null) return opening;
  const oldRange = range('old');
  if (!Array.isArray(oldRange)) return oldRange;

  const middle = literal(' +');
  if (middle !== null) return middle;
  const newRange = range('new');
  if (!Array.isArray(newRange)) return newRange;

  const closing = literal(' @@');
  if (closing !== null) return closing;

  // Git puts one space before the section. Any other text after '@@' is kept as written.
  const rest = line.slice(pos);
  const section = rest.startsWith(' ') ? rest.slice(1) : rest;
  return {
    oldStart: oldRange[0],
    oldCount: oldRange[1],
    newStart: newRange[0],
    newCount: newRange[1],
    section,
  };
}

export function isHeaderProblem(value: HunkRange | HunkHeaderProblem): value is HunkHeaderProblem {
  return 'column' in value;
}

/** Formats one side of a range; a count of 1 stays omitted when the header omitted it. */
function formatRange(start: number, count: number, omitCountOfOne: boolean): string {
  return omitCountOfOne && count === 1 ? `${start}` : `${start},${count}`;
}

/**
 * Rewrites the ranges of a valid header and keeps everything after the closing `@@`
 * (the section text) exactly as it was.
 */
export function rewriteHunkHeader(
  header: string,
  range: { oldStart: number; oldCount: number; newStart: number; newCount: number },
  omitted: { old: boolean; new: boolean },
): string {
  // Ranges contain only digits, commas, '+' and '-', so the first ' @@' after '@@ -' closes them.
  const rangesEnd = header.indexOf(' @@', 4) + 3;
  const oldPart = formatRange(range.oldStart, range.oldCount, omitted.old);
  const newPart = formatRange(range.newStart, range.newCount, omitted.new);
  return `@@ -${oldPart} +${newPart} @@${header.slice(rangesEnd)}`;
}

/** 1-based column of the old or new count (or start when the count is omitted) in a header. */
export function rangeColumn(header: string, side: 'old' | 'new'): number {
  const begin = side === 'old' ? 4 : header.indexOf(' +', 4) + 2;
  const comma = header.indexOf(',', begin);
  const end = side === 'old' ? header.indexOf(' +', 4) : header.indexOf(' @@', begin);
  return comma !== -1 && comma < end ? comma + 2 : begin + 1;
}
