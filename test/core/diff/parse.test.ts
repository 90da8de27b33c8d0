import { describe, expect, it } from 'vitest';

import { parsePatch, serializePatch } from '../../../src/core/diff/index.ts';
import { diffText, readFixture } from './diffFixtures.ts';

describe('parsePatch on git diff output', () => {
  const text = readFixture('git-statuses');
  const patch = parsePatch(text);
  const byPath = (path: string) => patch.files.find((file) => file.newPath === path)!;

  it('reads every file status', () => {
    expect(patch.files.map((file) => file.status)).toEqual([
      'mode-changed', 'copied', 'renamed', 'modified', 'modified',
      'added', 'modified', 'modified', 'modified',
    ]);
  });

  it('reads mode changes', () => {
    expect(byPath('build.sh').oldMode).toBe('100644');
    expect(byPath('build.sh').newMode).toBe('100755');
    expect(byPath('build.sh').hunks).toEqual([]);
  });

  it('reads copy and rename paths', () => {
    expect(byPath('lib/copy-target.js').oldPath).toBe('lib/copy-source.js');
    expect(byPath('lib/new-name.js').oldPath).toBe('lib/old-name.js');
  });

  it('marks a binary file', () => {
    expect(byPath('logo.png').binary).toBe(true);
    expect(byPath('logo.png').headerLines.at(-1)).toBe(
      'Binary files a/logo.png and b/logo.png differ\n',
    );
  });

  it('gives a new file no old path', () => {
    expect(byPath('src/new-module.mjs').oldPath).toBeNull();
    expect(byPath('src/new-module.mjs').newMode).toBe('100644');
  });

  it('reads a path with spaces', () => {
    expect(byPath('src/with space.js').oldPath).toBe('src/with space.js');
  });

  it('decodes an octal-quoted path', () => {
    expect(patch.files[8]!.oldPath).toBe('src/ä dir/naïve file.js');
    expect(patch.files[8]!.newPath).toBe('src/ä dir/naïve file.js');
  });

  it('numbers lines on both sides', () => {
    const hunk = byPath('src/cache.js').hunks[1]!;
    expect(hunk.header).toBe('@@ -24,5 +26,6 @@ export function sum(values) {');
    expect(hunk.section).toBe('export function sum(values) {');
    expect(hunk.lines.map((line) => [line.kind, line.oldLine, line.newLine])).toEqual([
      ['context', 24, 26],
      ['context', 25, 27],
      ['context', 26, 28],
      ['removed', 27, null],
      ['added', null, 29],
      ['added', null, 30],
      ['context', 28, 31],
    ]);
  });

  it('records patch line numbers', () => {
    const cache = byPath('src/cache.js');
    expect(cache.patchLine).toBe(38);
    expect(cache.hunks[0]!.patchLine).toBe(42);
    expect(cache.hunks[0]!.lines[0]!.patchLine).toBe(43);
  });

  it('keeps non-ASCII text', () => {
    const words = byPath('src/words.js').hunks[0]!.lines;
    expect(words[3]!.text).toBe('export const greeting = "héllo 👋";');
    expect(words[1]!.text).toBe('export const farewell = "さようなら";');
  });

  it('round-trips byte for byte', () => {
    expect(serializePatch(patch)).toBe(text);
  });
});

describe('parsePatch on format-patch output', () => {
  const text = readFixture('format-patch');
  const patch = parsePatch(text);

  it('keeps the mail header as preamble', () => {
    expect(patch.preamble.startsWith('From 61cdcb6b1d690db7cf5719cd926e119116f9da23 ')).toBe(true);
    expect(patch.preamble.endsWith(' create mode 100644 src/new-module.mjs\n\n')).toBe(true);
  });

  it('keeps the signature as trailer', () => {
    expect(patch.trailer).toBe('-- \n2.39.5\n\n');
  });

  it('keeps a GIT binary patch verbatim', () => {
    const logo = patch.files.find((file) => file.newPath === 'logo.png')!;
    expect(logo.binary).toBe(true);
    expect(logo.headerLines.slice(2).join('')).toBe(
      'GIT binary patch\nliteral 20\nZcmeAS@N?(olHy`uVBq!ia0vp^0stm90`33+\n\n' +
        'literal 16\nXcmeAS@N?(olHy`uVBq!ia0vnc8m<D~\n\n',
    );
    expect(logo.hunks).toEqual([]);
  });

  it('reads all nine files', () => {
    expect(patch.files).toHaveLength(9);
  });

  it('round-trips byte for byte', () => {
    expect(serializePatch(patch)).toBe(text);
  });
});

describe('parsePatch on added and deleted files', () => {
  const text = readFixture('deleted-file');
  const patch = parsePatch(text);

  it('reads a deleted file', () => {
    expect(patch.files[1]!.status).toBe('deleted');
    expect(patch.files[1]!.newPath).toBeNull();
    expect(patch.files[1]!.hunks[0]!.newStart).toBe(0);
    expect(patch.files[1]!.hunks[0]!.newCount).toBe(0);
  });

  it('reads a new file from -0,0', () => {
    expect(patch.files[0]!.status).toBe('added');
    expect(patch.files[0]!.hunks[0]!.oldStart).toBe(0);
    expect(patch.files[0]!.hunks[0]!.oldCount).toBe(0);
    expect(patch.files[0]!.hunks[0]!.lines[0]!.newLine).toBe(1);
  });

  it('keeps CRLF endings of content lines', () => {
    const line = patch.files[0]!.hunks[0]!.lines[0]!;
    expect(line.text).toBe('line one');
    expect(line.eol).toBe('\r\n');
  });

  it('round-trips byte for byte', () => {
    expect(serializePatch(patch)).toBe(text);
  });
});

describe('parsePatch on plain diff -u output', () => {
  it('reads a single-file diff -u', () => {
    const text = readFixture('plain-single');
    const patch = parsePatch(text);
    expect(patch.files).toHaveLength(1);
    expect(patch.files[0]!.oldPath).toBe('old/src/cache.js');
    expect(patch.files[0]!.newPath).toBe('new/src/cache.js');
    expect(patch.files[0]!.hunks).toHaveLength(2);
    expect(serializePatch(patch)).toBe(text);
  });

  it('reads a recursive diff -ruN', () => {
    const text = readFixture('plain-recursive');
    const patch = parsePatch(text);
    expect(patch.files.map((file) => file.status)).toEqual(['added', 'modified', 'deleted']);
    expect(patch.files[0]!.headerLines[0]).toBe(
      'diff -ruN old/src/added.js new/src/added.js\n',
    );
    expect(serializePatch(patch)).toBe(text);
  });

  it('reads an epoch timestamp as a missing side', () => {
    const text = diffText(
      '--- gone.txt\t2026-01-02 03:04:05.000000000 +0000',
      '+++ gone.txt\t1969-12-31 16:00:00.000000000 -0800',
      '@@ -1 +0,0 @@',
      '-bye',
    );
    const file = parsePatch(text).files[0]!;
    expect(file.status).toBe('deleted');
    expect(file.oldPath).toBe('gone.txt');
    expect(file.newPath).toBeNull();
  });

  it('reads /dev/null as a missing side', () => {
    const text = diffText('--- /dev/null', '+++ b.txt', '@@ -0,0 +1 @@', '+hello');
    const file = parsePatch(text).files[0]!;
    expect(file.status).toBe('added');
    expect(file.oldPath).toBeNull();
    expect(file.newPath).toBe('b.txt');
  });
});

describe('parsePatch line forms', () => {
  it('treats omitted counts as one', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -3 +3 @@', '-old', '+new',
    );
    const hunk = parsePatch(text).files[0]!.hunks[0]!;
    expect(hunk.oldCount).toBeNull();
    expect(hunk.newCount).toBeNull();
    expect(hunk.lines[1]!.newLine).toBe(3);
    expect(serializePatch(parsePatch(text))).toBe(text);
  });

  it('reads no-newline markers on the old side', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -1 +1 @@',
      '-old', '\\ No newline at end of file', '+new',
    );
    const lines = parsePatch(text).files[0]!.hunks[0]!.lines;
    expect(lines.map((line) => line.kind)).toEqual(['removed', 'no-newline', 'added']);
    expect(serializePatch(parsePatch(text))).toBe(text);
  });

  it('reads no-newline markers on the new side', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -1 +1 @@',
      '-old', '+new', '\\ No newline at end of file',
    );
    const lines = parsePatch(text).files[0]!.hunks[0]!.lines;
    expect(lines.map((line) => line.kind)).toEqual(['removed', 'added', 'no-newline']);
    expect(lines[2]!.text).toBe(' No newline at end of file');
    expect(serializePatch(parsePatch(text))).toBe(text);
  });

  it('reads no-newline markers on both sides', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -1,2 +1,2 @@',
      ' keep', '-old', '\\ No newline at end of file', '+new', '\\ No newline at end of file',
    );
    const lines = parsePatch(text).files[0]!.hunks[0]!.lines;
    expect(lines.map((line) => line.kind)).toEqual(
      ['context', 'removed', 'no-newline', 'added', 'no-newline'],
    );
    expect(serializePatch(parsePatch(text))).toBe(text);
  });

  it('keeps CRLF endings everywhere', () => {
    const text = [
      'diff --git a/w.txt b/w.txt', 'index 1111111..2222222 100644', '--- a/w.txt', '+++ b/w.txt',
      '@@ -1,2 +1,2 @@ section', ' first', '-second', '+2nd', '',
    ].join('\r\n');
    const patch = parsePatch(text);
    expect(patch.files[0]!.headerLines[0]).toBe('diff --git a/w.txt b/w.txt\r\n');
    expect(patch.files[0]!.hunks[0]!.section).toBe('section');
    expect(patch.files[0]!.hunks[0]!.headerEol).toBe('\r\n');
    expect(patch.files[0]!.hunks[0]!.lines[2]!.eol).toBe('\r\n');
    expect(serializePatch(patch)).toBe(text);
  });

  it('keeps a last line without newline', () => {
    const text = 'diff --git a/a.js b/a.js\n--- a/a.js\n+++ b/a.js\n@@ -1 +1 @@\n-a\n+b';
    const patch = parsePatch(text);
    expect(patch.files[0]!.hunks[0]!.lines[1]!.eol).toBe('');
    expect(serializePatch(patch)).toBe(text);
  });

  it('keeps accented, CJK and emoji text', () => {
    const text = diffText(
      'diff --git a/i18n.js b/i18n.js', '--- a/i18n.js', '+++ b/i18n.js',
      '@@ -1,3 +1,3 @@ const 名前 = {',
      ' // café crème',
      '-  title: "日本語",',
      '+  title: "🚀 中文",',
      ' };',
    );
    const patch = parsePatch(text);
    expect(patch.files[0]!.hunks[0]!.section).toBe('const 名前 = {');
    expect(patch.files[0]!.hunks[0]!.lines[2]!.text).toBe('  title: "🚀 中文",');
    expect(serializePatch(patch)).toBe(text);
  });

  it('decodes C escapes in quoted paths', () => {
    const text = diffText(
      'diff --git "a/tab\\there \\"q\\".js" "b/tab\\there \\"q\\".js"',
      'new file mode 100644',
      'index 0000000..e69de29',
    );
    const file = parsePatch(text).files[0]!;
    expect(file.newPath).toBe('tab\there "q".js');
    expect(file.status).toBe('added');
    expect(serializePatch(parsePatch(text))).toBe(text);
  });

  it('reads several files in one patch', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -1 +1 @@', '-a', '+b',
      'diff --git a/b.js b/b.js', '--- a/b.js', '+++ b/b.js', '@@ -1 +1,2 @@', ' a', '+b',
    );
    const patch = parsePatch(text);
    expect(patch.files.map((file) => file.newPath)).toEqual(['a.js', 'b.js']);
    expect(patch.files[1]!.patchLine).toBe(7);
    expect(serializePatch(patch)).toBe(text);
  });

  it('reads a binary file that git cannot diff', () => {
    const text = diffText(
      'diff --git a/img.png b/img.png', 'new file mode 100644', 'index 0000000..1234567',
      'Binary files /dev/null and b/img.png differ',
    );
    const file = parsePatch(text).files[0]!;
    expect(file.binary).toBe(true);
    expect(file.status).toBe('added');
    expect(file.newPath).toBe('img.png');
  });

  it('keeps text before the first file as preamble', () => {
    const text = diffText('notes about this change', '', '--- a.txt', '+++ a.txt', '@@ -1 +1 @@',
      '-x', '+y');
    const patch = parsePatch(text);
    expect(patch.preamble).toBe('notes about this change\n\n');
    expect(serializePatch(patch)).toBe(text);
  });

  it('keeps trailing empty lines as trailer', () => {
    const text = `${diffText('--- a.txt', '+++ a.txt', '@@ -1 +1 @@', '-x', '+y')}\n\n`;
    const patch = parsePatch(text);
    expect(patch.trailer).toBe('\n\n');
    expect(serializePatch(patch)).toBe(text);
  });
});
