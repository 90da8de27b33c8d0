import { describe, expect, it } from 'vitest';

import { parsePatch, serializePatch } from '../../../src/core/diff/index.ts';
import { diffText, parseError } from './diffFixtures.ts';

const HEAD = [
  'diff --git a/a.js b/a.js',
  'index 1111111..2222222 100644',
  '--- a/a.js',
  '+++ b/a.js',
];

/** Builds a one-file git diff whose fifth line is `header`, followed by `body`. */
function withHunk(header: string, ...body: string[]): string {
  return diffText(...HEAD, header, ...body);
}

describe('parsePatch strict errors', () => {
  it('names a line without a prefix', () => {
    const error = parseError(withHunk('@@ -1,3 +1,3 @@', ' one', 'two', ' three'));
    expect(error.message).toBe(
      "Invalid diff at line 7, column 1: hunk line without a prefix. Expected a line starting " +
        "with ' ', '+', '-' or '\\'.",
    );
  });

  it.each([
    ['@@ -1,3 +1,3', 13, "' @@'"],
    ['@@ -x,3 +1,3 @@', 5, 'the old start line as digits'],
    ['@@ -1, +1,3 @@', 7, 'the old line count as digits'],
    ['@@ -1,3 1,3 @@', 9, "' +'"],
    ['@@ -1,3 +,3 @@', 10, 'the new start line as digits'],
    ['@ -1,3 +1,3 @@', 2, "'@@ -'"],
    ['@@@ -1,3 +1,3 @@@', 3, "'@@ -'"],
    ['@@ -1,3 +1,3 @', 15, "' @@'"],
  ])('locates the fault in header %j', (header, column, expected) => {
    const error = parseError(withHunk(header, ' a', ' b', ' c'));
    expect(error.reason).toBe('invalid hunk header');
    expect(error.line).toBe(5);
    expect(error.column).toBe(column);
    expect(error.expected.startsWith(expected)).toBe(true);
  });

  it('rejects a body longer than its counts', () => {
    const error = parseError(withHunk('@@ -1,2 +1,2 @@', ' a', '-b', '+c', '+d'));
    expect(error.line).toBe(9);
    expect(error.column).toBe(1);
    expect(error.reason).toBe(
      'hunk body is longer than its header counts: the header at line 5 declares 2 old and ' +
        '2 new lines',
    );
  });

  it('rejects a body cut short by the next hunk', () => {
    const error = parseError(withHunk('@@ -1,3 +1,3 @@', ' a', ' b', '@@ -9 +9 @@', '-x', '+y'));
    expect(error.line).toBe(8);
    expect(error.column).toBe(1);
    expect(error.expected.startsWith('1 more old and 1 more new line')).toBe(true);
  });

  it('rejects a body cut short by the end', () => {
    const error = parseError(withHunk('@@ -1,3 +1,4 @@', ' a', ' b', '+c'));
    expect(error.line).toBe(9);
    expect(error.column).toBe(1);
    expect(error.reason).toContain('the body has 2 old and 3 new lines');
  });

  it('points past a last line without newline', () => {
    const error = parseError(withHunk('@@ -1,3 +1,3 @@', ' a', ' bc').slice(0, -1));
    expect(error.line).toBe(7);
    expect(error.column).toBe(4);
  });

  it('rejects an empty line inside a hunk', () => {
    const error = parseError(withHunk('@@ -1,3 +1,3 @@', ' a', '', ' c'));
    expect(error.reason).toBe('empty line inside a hunk');
    expect(error.line).toBe(7);
  });

  it('rejects text with no file', () => {
    const error = parseError('just some text\n');
    expect(error.reason).toBe('no file in the diff');
    expect(error.line).toBe(1);
    expect(error.column).toBe(1);
  });

  it('rejects empty text', () => {
    expect(parseError('').reason).toBe('no file in the diff');
  });

  it('rejects a hunk before any file header', () => {
    const error = parseError(diffText('@@ -1 +1 @@', '-a', '+b'));
    expect(error.reason).toBe('hunk header before any file header');
    expect(error.line).toBe(1);
  });

  it('rejects --- without +++', () => {
    const error = parseError(diffText('diff --git a/a.js b/a.js', '--- a/a.js', '@@ -1 +1 @@',
      '-a', '+b'));
    expect(error.reason).toBe("missing '+++ <path>' line in the header of a.js");
    expect(error.line).toBe(3);
  });

  it('rejects a git hunk without file lines', () => {
    const error = parseError(diffText('diff --git a/a.js b/a.js', 'index 1111111..2222222',
      '@@ -1 +1 @@', '-a', '+b'));
    expect(error.reason).toBe("hunk before the '---' and '+++' lines of a.js");
    expect(error.line).toBe(3);
  });

  it('rejects an unknown header line', () => {
    const error = parseError(diffText('diff --git a/a.js b/a.js', 'something odd', '--- a/a.js'));
    expect(error.reason).toBe('unexpected line in the header of a.js');
    expect(error.line).toBe(2);
    expect(error.column).toBe(1);
  });

  it('rejects an unterminated quoted path', () => {
    const error = parseError(diffText('diff --git a/a.js b/a.js', 'rename from "a.js'));
    expect(error.reason).toBe('invalid quoted path');
    expect(error.line).toBe(2);
    expect(error.column).toBe(13);
  });

  it('rejects a combined merge diff', () => {
    const error = parseError(diffText('diff --cc a.js', 'index 1,2..3'));
    expect(error.reason).toBe('combined diff of a merge commit is not supported');
    expect(error.line).toBe(1);
  });

  it('rejects text after the last hunk', () => {
    const error = parseError(withHunk('@@ -1 +1 @@', '-a', '+b', 'Only in old: c.js'));
    expect(error.reason).toBe('unexpected line after the last hunk of a.js');
    expect(error.line).toBe(8);
  });

  it('rejects a diff --git line without paths', () => {
    const error = parseError(diffText('diff --git a/x.js', 'index 1111111..2222222 100644'));
    expect(error.reason).toBe('invalid diff --git line: its two paths cannot be read');
    expect(error.column).toBe(12);
  });
});

describe('parsePatch lenient mode', () => {
  const typed = withHunk('@@ -1,2 +1,2 @@', ' a', '-b', '+c', '+d typed now');

  it('accepts a body longer than its counts', () => {
    const patch = parsePatch(typed, { lenient: true });
    expect(patch.files[0]!.hunks[0]!.lines).toHaveLength(4);
    expect(serializePatch(patch)).toBe(typed);
  });

  it('rejects the same text in strict mode', () => {
    expect(parseError(typed).line).toBe(9);
  });

  it('ends a hunk at the next hunk header', () => {
    const text = withHunk('@@ -1,9 +1,9 @@', ' a', '+b', '@@ -20 +21 @@', '-x', '+y');
    const hunks = parsePatch(text, { lenient: true }).files[0]!.hunks;
    expect(hunks.map((hunk) => hunk.lines.length)).toEqual([2, 2]);
  });

  it('ends a hunk at the next file', () => {
    const text = diffText(...HEAD, '@@ -1,9 +1,9 @@', ' a', '+b', 'diff --git a/b.js b/b.js',
      'deleted file mode 100644');
    const patch = parsePatch(text, { lenient: true });
    expect(patch.files).toHaveLength(2);
    expect(patch.files[1]!.status).toBe('deleted');
  });

  it('reads an empty line as empty context', () => {
    const text = withHunk('@@ -1,3 +1,3 @@', ' a', '', ' c');
    const line = parsePatch(text, { lenient: true }).files[0]!.hunks[0]!.lines[1]!;
    expect(line.kind).toBe('context');
    expect(line.text).toBe('');
    expect(line.missingPrefix).toBe(true);
    expect(line.newLine).toBe(2);
    expect(serializePatch(parsePatch(text, { lenient: true }))).toBe(text);
  });

  it('keeps trailing empty lines out of the hunk', () => {
    const text = `${withHunk('@@ -1 +1 @@', '-a', '+b')}\n`;
    const patch = parsePatch(text, { lenient: true });
    expect(patch.files[0]!.hunks[0]!.lines).toHaveLength(2);
    expect(patch.trailer).toBe('\n');
  });

  it('still rejects a line without a prefix', () => {
    const error = parseError(withHunk('@@ -1 +1 @@', '-a', 'b'), { lenient: true });
    expect(error.reason).toBe('hunk line without a prefix');
    expect(error.line).toBe(7);
  });

  it('still rejects a malformed hunk header', () => {
    const error = parseError(withHunk('@@ -1 +', '-a'), { lenient: true });
    expect(error.reason).toBe('invalid hunk header');
    expect(error.column).toBe(8);
  });

  it('reads a format-patch signature as trailer', () => {
    const text = withHunk('@@ -1 +1 @@', '-a', '+b', '-- ', '2.39.5', '');
    const patch = parsePatch(text, { lenient: true });
    expect(patch.trailer).toBe('-- \n2.39.5\n\n');
    expect(patch.files[0]!.hunks[0]!.lines).toHaveLength(2);
  });

  it('reads a final -- line as removed', () => {
    const text = withHunk('@@ -1 +1 @@', '-a', '+b', '-- ');
    const lines = parsePatch(text, { lenient: true }).files[0]!.hunks[0]!.lines;
    expect(lines.at(-1)!.kind).toBe('removed');
    expect(lines.at(-1)!.text).toBe('- ');
  });

  it('splits plain files at ---, +++ and @@', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -1 +1 @@', '-a', '+b',
      '--- b.txt', '+++ b.txt', '@@ -1 +1 @@', '-c', '+d');
    expect(parsePatch(text, { lenient: true }).files).toHaveLength(2);
  });

  it('still rejects a diff --git line without paths', () => {
    const error = parseError(diffText('diff --git a/x.js'), { lenient: true });
    expect(error.column).toBe(12);
  });

  it('accepts a file header without +++', () => {
    const text = diffText('diff --git a/a.js b/a.js', '--- a/a.js');
    expect(parsePatch(text, { lenient: true }).files[0]!.oldPath).toBe('a.js');
  });
});
