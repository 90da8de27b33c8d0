import { describe, expect, it } from 'vitest';

import { parseDiffText, parseSummary, staleLabel } from '../../../renderer/store/parseState.ts';

const VALID = [
  'diff --git a/src/a.js b/src/a.js',
  'index 1111111..2222222 100644',
  '--- a/src/a.js',
  '+++ b/src/a.js',
  '@@ -1,2 +1,2 @@',
  ' const a = 1;',
  '-const b = 2;',
  '+const b = compute();',
  '',
].join('\n');

/** The same diff with one more added line than its header counts. */
const COUNT_MISMATCH = VALID.replace('+const b = compute();\n', '+const b = compute();\n+b.x();\n');

/** A hunk line without a prefix, which even lenient parsing rejects. */
const BROKEN = VALID.replace(' const a = 1;', 'const a = 1;');

/** Parses text that must parse, so each test can assert on the patch fields directly. */
function parseValid(text: string) {
  const state = parseDiffText(text);
  if (state.status !== 'ok') {
    throw new Error(`Expected the text to parse, got status ${state.status}.`);
  }
  return state;
}

/** Parses text that must fail, returning the error fields. */
function parseInvalid(text: string) {
  const state = parseDiffText(text);
  if (state.status !== 'error') {
    throw new Error(`Expected a parse error, got status ${state.status}.`);
  }
  return state.error;
}

describe('parseDiffText', () => {
  it('marks blank text as empty', () => {
    expect(parseDiffText('  \n').status).toBe('empty');
  });

  it('parses a valid diff without warnings', () => {
    expect(parseValid(VALID).warnings).toEqual([]);
  });

  it('reports hunk count mismatches as warnings', () => {
    const warnings = parseValid(COUNT_MISMATCH).warnings;

    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.line).toBe(5);
  });

  it('locates a prefix-less hunk line', () => {
    const error = parseInvalid(BROKEN);

    expect(error.line).toBe(6);
    expect(error.column).toBe(1);
  });
});

describe('staleLabel', () => {
  it('names the line of a parse error', () => {
    expect(staleLabel(parseDiffText(BROKEN))).toBe('stale: fix the diff at line 6');
  });

  it('is null for a valid diff', () => {
    expect(staleLabel(parseDiffText(VALID))).toBeNull();
  });

  it('explains an empty editor', () => {
    expect(staleLabel(parseDiffText(''))).toBe('stale: the editor is empty');
  });
});

describe('parseSummary', () => {
  it('counts files and warnings', () => {
    expect(parseSummary(parseDiffText(COUNT_MISMATCH))).toBe('Parsed 1 file, 1 warning');
  });

  it('gives the error position', () => {
    expect(parseSummary(parseDiffText(BROKEN))).toMatch(/^Parse error at 6:\d+$/);
  });
});
