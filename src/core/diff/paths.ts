/**
 * File paths in diff headers: git's C-style quoting, `a/` and `b/` prefixes, `/dev/null`, and
 * the tab that ends a path followed by a timestamp (`diff -u`) or that git adds after a path
 * containing a space.
 */

const DEV_NULL = '/dev/null';

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

/** A quoted path decoded, and the index just after its closing quote. */
export interface QuotedPath {
  value: string;
  end: number;
}

/**
 * Decodes a path quoted the way git quotes it (`"a/\303\244 b.js"`): octal escapes are UTF-8
 * bytes, and `\t`, `\n`, `\"`, `\\` and the other C escapes stand for their characters.
 * `start` is the index of the opening quote. Returns null when the quote is never closed or an
 * escape is invalid.
 */
export function unquotePath(text: string, start: number): QuotedPath | null {
  const bytes: number[] = [];
  const encoder = new TextEncoder();

  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') {
      const value = new TextDecoder().decode(new Uint8Array(bytes));
      return { value, end: i + 1 };
    }

    if (char !== '\\') {
      const codePoint = text.codePointAt(i)!;
      const symbol = String.fromCodePoint(codePoint);
      for (const byte of encoder.encode(symbol)) bytes.push(byte);
      i += symbol.length;
      continue;
    }

    const escape = text[i + 1];
    if (escape === undefined) return null;
    const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
    if (octal !== null) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += 1 + octal[0].length;
      continue;
    }

    const simple = SIMPLE_ESCAPES[escape];
    if (simple === undefined) return null;
    bytes.push(simple);
    i += 2;
  }
  return null;
}

/** Removes a `a/` or `b/` prefix that git puts before a path. */
function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)? ([+-])(\d\d)(\d\d)$/;

/**
 * True for a `diff -u` timestamp at the Unix epoch, such as `1970-01-01 00:00:00.000000000
 * +0000`: `diff -N` dates a missing file this way instead of naming /dev/null.
 */
function isEpochTimestamp(stamp: string): boolean {
  const match = TIMESTAMP.exec(stamp);
  if (match === null) return false;

  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const local = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const offsetMinutes = (Number(match[8]) * 60 + Number(match[9])) * (match[7] === '-' ? -1 : 1);
  return local - offsetMinutes * 60_000 === 0;
}

/**
 * Reads the path of a `--- ` or `+++ ` line (`value` is the text after those four characters).
 * Returns null for `/dev/null` or an epoch timestamp, and undefined when a quoted path is
 * invalid. Git paths lose their `a/` or `b/` prefix, and plain `diff -u` paths stay as written.
 */
export function readMarkerPath(
  value: string,
  gitPrefix: string | null,
): string | null | undefined {
  let path: string;
  let stamp = '';
  if (value.startsWith('"')) {
    const quoted = unquotePath(value, 0);
    if (quoted === null) return undefined;
    path = quoted.value;
  } else {
    const tab = value.indexOf('\t');
    path = tab === -1 ? value : value.slice(0, tab);
    stamp = tab === -1 ? '' : value.slice(tab + 1);
  }

  if (path === DEV_NULL || isEpochTimestamp(stamp)) return null;
  return gitPrefix === null ? path : stripPrefix(path, gitPrefix);
}

/** Reads the path of a `rename from`, `copy to` or similar line: quoted or raw, no prefix. */
export function readExtendedHeaderPath(value: string): string | undefined {
  if (!value.startsWith('"')) return value;
  return unquotePath(value, 0)?.value;
}

/**
 * Reads the two paths of a `diff --git a/x b/y` line (`rest` is the text after `diff --git `).
 * Unquoted paths may contain spaces, so the split is found where both halves name the same
 * file, or else before ` b/`. Returns null when the line cannot be split.
 */
export function readGitLinePaths(rest: string): [string, string] | null {
  if (rest.startsWith('"')) {
    const first = unquotePath(rest, 0);
    if (first === null || rest[first.end] !== ' ') return null;
    const second = readOneGitPath(rest.slice(first.end + 1));
    if (second === null) return null;
    return [stripPrefix(first.value, 'a/'), stripPrefix(second, 'b/')];
  }

  if (rest.endsWith('"')) {
    const space = rest.lastIndexOf(' "');
    if (space <= 0) return null;
    const second = unquotePath(rest, space + 1);
    if (second === null || second.end !== rest.length) return null;
    return [stripPrefix(rest.slice(0, space), 'a/'), stripPrefix(second.value, 'b/')];
  }

  return splitUnquotedGitPaths(rest);
}

function readOneGitPath(text: string): string | null {
  if (!text.startsWith('"')) return text === '' ? null : text;
  const quoted = unquotePath(text, 0);
  return quoted !== null && quoted.end === text.length ? quoted.value : null;
}

function splitUnquotedGitPaths(rest: string): [string, string] | null {
  // Same file on both sides, the usual case: `a/<p> b/<p>` splits exactly in the middle.
  if (rest.length % 2 === 1) {
    const middle = (rest.length - 1) / 2;
    const first = rest.slice(0, middle);
    const second = rest.slice(middle + 1);
    if (rest[middle] === ' ' && stripPrefix(first, 'a/') === stripPrefix(second, 'b/')) {
      return [stripPrefix(first, 'a/'), stripPrefix(second, 'b/')];
    }
  }

  const split = rest.indexOf(' b/');
  if (split > 0) return [stripPrefix(rest.slice(0, split), 'a/'), rest.slice(split + 3)];

  const space = rest.indexOf(' ');
  if (space > 0 && space === rest.lastIndexOf(' ')) {
    return [rest.slice(0, space), rest.slice(space + 1)];
  }
  return null;
}

/** Reads the paths of `Binary files X and Y differ`; null when the line has another shape. */
export function readBinaryLinePaths(
  line: string,
  git: boolean,
): [string | null, string | null] | null {
  const match = /^Binary files (.+) and (.+) differ$/.exec(line);
  if (match === null) return null;
  const oldPath = readMarkerPath(match[1]!, git ? 'a/' : null);
  const newPath = readMarkerPath(match[2]!, git ? 'b/' : null);
  if (oldPath === undefined || newPath === undefined) return null;
  return [oldPath, newPath];
}
