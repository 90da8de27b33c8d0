/** Diff fixtures (written for these tests from a toy repository) and small helpers. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DiffParseError, parsePatch, type ParseOptions } from '../../../src/core/diff/index.ts';

const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'diffs');

/** Reads `test/fixtures/diffs/<name>.diff` byte for byte (CRLF lines included). */
export function readFixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, `${name}.diff`), 'utf8');
}

/** Joins lines with `\n` and ends the text with one. */
export function diffText(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Parses `text` and returns the DiffParseError it raises; fails when it raises none. */
export function parseError(text: string, options?: ParseOptions): DiffParseError {
  try {
    parsePatch(text, options);
  } catch (error) {
    if (error instanceof DiffParseError) return error;
    throw error;
  }
  throw new Error('parsePatch accepted the text');
}

/** A two-hunk git diff of one file, used by the edit and count tests. */
export const TWO_HUNKS = diffText(
  'diff --git a/src/queue.js b/src/queue.js',
  'index 1111111..2222222 100644',
  '--- a/src/queue.js',
  '+++ b/src/queue.js',
  '@@ -2,4 +2,5 @@ export class Queue {',
  '   constructor() {',
  '-    this.items = [];',
  '+    this.items = new Array(16);',
  '+    this.head = 0;',
  '   }',
  ' ',
  '@@ -20,3 +21,2 @@ export class Queue {',
  '   shift() {',
  '-    return this.items.shift();',
  '   }',
);
