import type { Notebook } from '../../../src/core/notebook/index.ts';

const DIFF = [
  'diff --git a/src/rank.js b/src/rank.js',
  '--- a/src/rank.js',
  '+++ b/src/rank.js',
  '@@ -4,3 +4,4 @@ export function rank(items) {',
  '   for (const item of items) {',
  '+    items.sort((a, b) => a.score - b.score);',
  '     total += item.score;',
  '   }',
  '',
].join('\n');

const BOW = { id: 'bow', bundleHash: 'a'.repeat(64), tfjsVersion: '4.22.0', backend: 'wasm' };
const SIZE = { id: 'size-baseline', bundleHash: 'd'.repeat(64), tfjsVersion: '4.22.0', backend: 'cpu' };

/** Builds a small but complete version-1 notebook (before migration) with one diff cell. */
export function sampleNotebookV1(): Record<string, unknown> {
  return {
    format: 'perflens-notebook',
    version: 1,
    title: 'Sorting inside the loop',
    createdAt: '2026-01-31T09:30:00.000Z',
    modifiedAt: '2026-01-31T10:15:42.120Z',
    cells: [
      {
        id: 'cell-1',
        type: 'diff',
        diff: DIFF,
        originalDiff: DIFF.replace('a.score - b.score', 'b.score - a.score'),
        model: { ...BOW },
        scores: [
          { at: '2026-01-31T10:15:00.000Z', probability: 0.42, threshold: 0.5, diffHash: 'b'.repeat(64) },
          { at: '2026-01-31T10:15:42.000Z', probability: 0.71, threshold: 0.5, diffHash: 'c'.repeat(64) },
        ],
      },
    ],
  };
}

/** Builds a small but complete current-version notebook with one cell of every type. */
export function sampleNotebook(): Notebook {
  const v1 = sampleNotebookV1() as unknown as Notebook;
  const diffCell = { ...(v1.cells[0] as object), collapsed: false } as Notebook['cells'][number];

  return {
    ...v1,
    version: 2,
    cells: [
      diffCell,
      {
        id: 'notes',
        type: 'markdown',
        collapsed: false,
        source: '# Why it regresses\n\nThe sort runs **once per item**, so the loop is O(n² log n).',
      },
      {
        id: 'why',
        type: 'explanation',
        collapsed: true,
        diff: DIFF,
        result: { model: { ...BOW }, at: '2026-01-31T10:16:00.000Z', probability: 0.71, threshold: 0.5, diffHash: 'c'.repeat(64) },
        attributions: [
          { level: 'token', patchLine: 6, startColumn: 12, endColumn: 16, text: 'sort', attribution: 0.3 },
          { level: 'line', patchLine: 6, startColumn: null, endColumn: null, text: '    items.sort((a, b) => a.score - b.score);', attribution: 0.4 },
        ],
        counterfactuals: [
          {
            edits: [{ kind: 'delete-line', patchLine: 6, before: '    items.sort((a, b) => a.score - b.score);', after: '' }],
            diff: DIFF.replace('+    items.sort((a, b) => a.score - b.score);\n', ''),
            probabilityAfter: 0.2,
            flaggedAfter: false,
          },
        ],
      },
      {
        id: 'models',
        type: 'comparison',
        collapsed: false,
        diff: DIFF,
        results: [
          { model: { ...BOW }, at: '2026-01-31T10:17:00.000Z', probability: 0.71, threshold: 0.5, diffHash: 'c'.repeat(64) },
          { model: { ...SIZE }, at: '2026-01-31T10:17:00.000Z', probability: 0.12, threshold: 0.93, diffHash: 'c'.repeat(64) },
        ],
      },
      {
        id: 'eval',
        type: 'evaluation',
        collapsed: false,
        dataset: { name: 'handmade.jsonl', sha256: 'e'.repeat(64), rows: 6, positives: 2 },
        model: { ...BOW },
        at: '2026-01-31T10:18:00.000Z',
        scores: [0.9, 0.8, 0.4, 0.3, 0.2, 0.1],
        labels: [1, 0, 1, 0, 0, 0],
        threshold: 0.5,
        targetRecall: 1,
      },
    ],
  };
}
