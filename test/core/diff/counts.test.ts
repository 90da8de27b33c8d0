import { describe, expect, it } from 'vitest';

import {
  findHunkCountMismatches,
  parsePatch,
  recountHunks,
  serializePatch,
} from '../../../src/core/diff/index.ts';
import { diffText, TWO_HUNKS } from './diffFixtures.ts';

/** TWO_HUNKS with one more added line typed into its first hunk. */
const TYPED = TWO_HUNKS.replace(
  '+    this.head = 0;\n',
  '+    this.head = 0;\n+    this.tail = 0;\n',
);

describe('findHunkCountMismatches', () => {
  it('returns nothing for a valid patch', () => {
    expect(findHunkCountMismatches(parsePatch(TWO_HUNKS))).toEqual([]);
  });

  it('locates the wrong new count', () => {
    const [warning, ...rest] = findHunkCountMismatches(parsePatch(TYPED, { lenient: true }));
    expect(rest).toEqual([]);
    expect(warning!.line).toBe(5);
    expect(warning!.column).toBe(12);
    expect(warning!.message).toBe(
      'Invalid diff at line 5, column 12: hunk header counts do not match the body in ' +
        'src/queue.js: the header declares 4 old and 5 new lines, but the body has 4 and 6. ' +
        "Expected '-2,4 +2,6' (recount the hunk headers).",
    );
  });

  it('locates the wrong old count', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -1 +1 @@', '-a', '-b', '+c');
    const [warning] = findHunkCountMismatches(parsePatch(text, { lenient: true }));
    expect(warning!.column).toBe(5);
  });
});

describe('recountHunks', () => {
  it('rewrites counts and shifts later hunks', () => {
    const recounted = serializePatch(recountHunks(parsePatch(TYPED, { lenient: true })));
    const lines = recounted.split('\n');
    expect(lines[4]).toBe('@@ -2,4 +2,6 @@ export class Queue {');
    expect(lines[12]).toBe('@@ -20,3 +22,2 @@ export class Queue {');
  });

  it('produces a patch that parses strictly', () => {
    const recounted = recountHunks(parsePatch(TYPED, { lenient: true }));
    expect(parsePatch(serializePatch(recounted))).toEqual(recounted);
  });

  it('returns a matching patch unchanged', () => {
    const patch = parsePatch(TWO_HUNKS);
    expect(recountHunks(patch)).toBe(patch);
  });

  it('keeps an omitted count of one omitted', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -3 +3 @@ f()', '-a', '+b', '+c');
    const recounted = serializePatch(recountHunks(parsePatch(text, { lenient: true })));
    expect(recounted.split('\n')[2]).toBe('@@ -3 +3,2 @@ f()');
  });

  it('moves a start when a count leaves zero', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -6,2 +5,0 @@', '-a', '-b', '+c');
    const recounted = serializePatch(recountHunks(parsePatch(text, { lenient: true })));
    expect(recounted.split('\n')[2]).toBe('@@ -6,2 +6,1 @@');
  });

  it('moves a start when a count reaches zero', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -0,0 +1,2 @@', '+a');
    const recounted = serializePatch(recountHunks(parsePatch(text, { lenient: true })));
    expect(recounted.split('\n')[2]).toBe('@@ -0,0 +1,1 @@');
  });

  it('renumbers new lines of shifted hunks', () => {
    const recounted = recountHunks(parsePatch(TYPED, { lenient: true }));
    expect(recounted.files[0]!.hunks[1]!.lines[0]!.newLine).toBe(22);
  });
});
