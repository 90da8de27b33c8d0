import type { Notebook } from '../../../src/core/notebook/index.ts';

/** Builds a small but complete version-1 notebook with one diff cell and two scores. */
export function sampleNotebook(): Notebook {
  const diff = [
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
        diff,
        originalDiff: diff.replace('a.score - b.score', 'b.score - a.score'),
        model: {
          id: 'bow',
          bundleHash: 'a'.repeat(64),
          tfjsVersion: '4.22.0',
          backend: 'wasm',
        },
        scores: [
          {
            at: '2026-01-31T10:15:00.000Z',
            probability: 0.42,
            threshold: 0.5,
            diffHash: 'b'.repeat(64),
          },
          {
            at: '2026-01-31T10:15:42.000Z',
            probability: 0.71,
            threshold: 0.5,
            diffHash: 'c'.repeat(64),
          },
        ],
      },
    ],
  };
}
