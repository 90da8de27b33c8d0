import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { enumerateEditSites } from '../../../src/core/explain/sites.ts';
import type { AttributionLevel, EditKind } from '../../../src/core/explain/types.ts';
import {
  attributionDecorations,
  attributionHover,
  editHighlights,
  hunkLineRange,
  lineHighlight,
} from '../../../renderer/explain/decorationModel.ts';
import type { AttributionItem } from '../../../renderer/workers/explainProtocol.ts';
import { SLEEP_BLOCK_DIFF } from '../../core/explain/handBuiltBow.ts';

const PATCH = parsePatch(SLEEP_BLOCK_DIFF);
const SITES = enumerateEditSites(PATCH);

function levelOf(kind: EditKind): AttributionLevel {
  if (kind === 'delete-token') return 'token';
  if (kind === 'drop-hunk') return 'hunk';
  return 'line';
}

/** Attribution items on the real edit sites of SLEEP_BLOCK_DIFF, with the given logits. */
function itemsWithLogits(logits: (before: string) => number): AttributionItem[] {
  return SITES.map((site) => ({
    level: levelOf(site.kind),
    position: site.position,
    text: site.before,
    logit: logits(site.before),
    probability: null,
  }));
}

const ITEMS = itemsWithLogits((before) => {
  if (before === 'sleep' || before === 'block') return 2;
  if (before.includes('sleep')) return 1.5;
  if (before === 'return') return -0.5;
  return 0;
});

describe('attributionDecorations', () => {
  it('draws nothing when off', () => {
    expect(attributionDecorations(ITEMS, 'off')).toEqual([]);
  });

  it('colours only the hot tokens', () => {
    const specs = attributionDecorations(ITEMS, 'token');

    const lines = specs.map((spec) => SLEEP_BLOCK_DIFF.split('\n')[spec.line - 1]!
      .slice(spec.startColumn! - 1, spec.endColumn! - 1));
    expect(lines).toEqual(['sleep', 'block', 'return']);
  });

  it('uses up classes for positive tokens', () => {
    const specs = attributionDecorations(ITEMS, 'token');

    expect(specs[0]!.className).toBe('pl-attr-token-up-6');
  });

  it('uses down classes for negative tokens', () => {
    const specs = attributionDecorations(ITEMS, 'token');

    expect(specs[2]!.className).toMatch(/^pl-attr-token-down-/);
  });

  it('draws whole lines at line level', () => {
    const specs = attributionDecorations(ITEMS, 'line');

    expect(specs).toHaveLength(1);
    expect(specs[0]!.line).toBe(8);
    expect(specs[0]!.startColumn).toBeNull();
  });

  it('explains each decoration on hover', () => {
    const specs = attributionDecorations(ITEMS, 'token');

    expect(specs[0]!.hover).toBe('**token attribution** +2.000 logit: pushes the score up');
  });
});

describe('attributionHover', () => {
  it('adds the probability change when known', () => {
    const item = { ...ITEMS[0]!, logit: -0.25, probability: -0.031 };

    expect(attributionHover(item)).toContain('(-0.0310 probability): pushes the score down');
  });
});

describe('hunkLineRange', () => {
  it('spans the header to the last line', () => {
    expect(hunkLineRange(PATCH, 5)).toEqual([5, 11]);
  });

  it('returns null off a header', () => {
    expect(hunkLineRange(PATCH, 6)).toBeNull();
  });
});

describe('lineHighlight', () => {
  it('outlines a whole hunk', () => {
    const [spec] = lineHighlight(PATCH, 5, 'hunk');

    expect([spec!.line, spec!.endLine]).toEqual([5, 11]);
  });

  it('outlines one line', () => {
    const [spec] = lineHighlight(PATCH, 9, 'line');

    expect([spec!.line, spec!.endLine]).toEqual([9, 9]);
  });
});

describe('editHighlights', () => {
  it('outlines tokens at their columns', () => {
    const sleep = SITES.find((site) => site.before === 'sleep')!;

    const [spec] = editHighlights(PATCH, [sleep]);

    expect(spec).toMatchObject({ line: 8, startColumn: 4, endColumn: 9 });
    expect(spec!.className).toBe('pl-explain-edit-token');
  });

  it('outlines restored lines whole', () => {
    const restore = SITES.find((site) => site.kind === 'restore-line')!;

    const [spec] = editHighlights(PATCH, [restore]);

    expect(spec).toMatchObject({ line: 7, endLine: 7, startColumn: null });
  });

  it('names the edit on hover', () => {
    const restore = SITES.find((site) => site.kind === 'restore-line')!;

    const [spec] = editHighlights(PATCH, [restore]);

    expect(spec!.hover).toBe('restore removed line 7 `return cache.get(item);`');
  });
});
