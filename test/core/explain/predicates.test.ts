import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import {
  callNameSpans,
  callSitesAndImports,
  isImportLine,
} from '../../../src/core/explain/predicates.ts';
import { enumerateEditSites } from '../../../src/core/explain/sites.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);

describe('callNameSpans', () => {
  const cases: [string, string[]][] = [
    ['const rows = items.map((item) => item.id);', ['map']],
    ['if (ready) start();', ['start']],
    ['const state = useState<number>(0);', ['useState']],
    ['const cache = new Map();', ['Map']],
    ['for (const row of rows) {', []],
    ['return (a + b);', []],
  ];

  test.each(cases)('%s', (line, expected) => {
    const names = callNameSpans(line).map(({ start, end }) => line.slice(start, end));
    expect(names).toEqual(expected);
  });
});

describe('isImportLine', () => {
  const cases: [string, boolean][] = [
    ["import { a } from './a.js';", true],
    ["import './polyfill.js';", true],
    ["export { b } from './b.js';", true],
    ["const fs = require('fs');", true],
    ['const important = 1;', false],
  ];

  test.each(cases)('%s', (line, expected) => {
    expect(isImportLine(line)).toBe(expected);
  });
});

describe('callSitesAndImports', () => {
  test('keeps call names and import lines', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const sites = enumerateEditSites(patch, { predicate: callSitesAndImports });

    const tokens = new Set(
      sites.filter((site) => site.kind === 'delete-token').map((site) => site.before),
    );
    expect(tokens.has('Clone')).toBe(true);
    expect(tokens.has('format')).toBe(true);
    expect(tokens.has('fragment')).toBe(false);
    expect(sites.some((site) => site.kind === 'drop-hunk')).toBe(false);
  });
});
