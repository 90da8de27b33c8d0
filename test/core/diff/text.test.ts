import { describe, expect, it } from 'vitest';

import { fileSides, languageForPath, parsePatch } from '../../../src/core/diff/index.ts';
import { readFixture, TWO_HUNKS } from './diffFixtures.ts';

describe('fileSides', () => {
  const sides = fileSides(parsePatch(TWO_HUNKS).files[0]!);

  it('rebuilds the old fragment', () => {
    expect(sides.oldText).toBe([
      '  constructor() {',
      '    this.items = [];',
      '  }',
      '',
      '⋯ 14 unchanged lines ⋯',
      '  shift() {',
      '    return this.items.shift();',
      '  }',
    ].join('\n'));
  });

  it('rebuilds the new fragment', () => {
    expect(sides.newText).toBe([
      '  constructor() {',
      '    this.items = new Array(16);',
      '    this.head = 0;',
      '  }',
      '',
      '⋯ 14 unchanged lines ⋯',
      '  shift() {',
      '  }',
    ].join('\n'));
  });

  it('maps lines to file line numbers', () => {
    expect(sides.oldLineNumbers).toEqual([2, 3, 4, 5, null, 20, 21, 22]);
    expect(sides.newLineNumbers).toEqual([2, 3, 4, 5, 6, null, 21, 22]);
  });

  it('picks the language from the path', () => {
    expect(sides.language).toBe('javascript');
  });

  it('writes a singular gap line', () => {
    const text = TWO_HUNKS.replace('@@ -20,3 +21,2 @@', '@@ -7,3 +8,2 @@');
    expect(fileSides(parsePatch(text).files[0]!).oldText).toContain('\n⋯ 1 unchanged line ⋯\n');
  });

  it('leaves a deleted file without new text', () => {
    const deleted = fileSides(parsePatch(readFixture('deleted-file')).files[1]!);
    expect(deleted.newText).toBe('');
    expect(deleted.oldText.split('\n')).toHaveLength(4);
    expect(deleted.language).toBe('typescript');
  });

  it('gives a binary file empty sides', () => {
    const patch = parsePatch(readFixture('git-statuses'));
    const logo = fileSides(patch.files.find((file) => file.newPath === 'logo.png')!);
    expect(logo.oldText).toBe('');
    expect(logo.newText).toBe('');
    expect(logo.language).toBe('plaintext');
  });

  it('drops CRLF endings from the text', () => {
    const added = fileSides(parsePatch(readFixture('deleted-file')).files[0]!);
    expect(added.newText).toBe('line one\nline two\nline three');
  });
});

describe('languageForPath', () => {
  it.each([
    ['src/a.ts', 'typescript'],
    ['src/view.tsx', 'typescript'],
    ['lib/index.mjs', 'javascript'],
    ['package.json', 'json'],
    ['styles/site.css', 'css'],
    ['public/index.html', 'html'],
    ['docs/README.MD', 'markdown'],
    ['src/App.vue', 'html'],
    ['Makefile', 'plaintext'],
    ['.eslintrc', 'plaintext'],
    ['notes.unknown', 'plaintext'],
  ])('maps %s to %s', (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });

  it('maps a null path to plaintext', () => {
    expect(languageForPath(null)).toBe('plaintext');
  });
});
