/** Markdown pieces shared by the model cards (CARD.md) of every trained family. */
import { loadavg } from 'node:os';

import { formatNumber } from '../core/eval/format.ts';
import type { BandMetrics } from './sizeBands.ts';
import type { LabelledPatches } from './data.ts';

/** Counts rows and positives of a split. */
export function splitCounts(data: LabelledPatches): { rows: number; positives: number } {
  let positives = 0;
  for (const label of data.labels) positives += label;
  return { rows: data.labels.length, positives };
}

/** Renders the data section: dataset, splits and row counts. */
export function dataSection(
  train: LabelledPatches,
  val: LabelledPatches,
  valChose: string,
): string {
  const t = splitCounts(train);
  const v = splitCounts(val);
  const paragraph =
    'Dataset perf-commits-v1: real commits of vuejs/core, webpack/webpack, angular/angular.js ' +
    'and eslint/eslint, labelled 1 when a later perf fix blames them (SZZ), split by time per ' +
    'repository. The synthetic inverse-fix rows are not used. The test split is held back from ' +
    `this project, so every figure below is on val, which also chose ${valChose}.`;
  return [
    '## Data',
    '',
    wrapText(paragraph),
    '',
    '| split | rows | positives | positive rate |',
    '|---|---:|---:|---:|',
    `| train | ${t.rows} | ${t.positives} | ${((100 * t.positives) / t.rows).toFixed(2)}% |`,
    `| val | ${v.rows} | ${v.positives} | ${((100 * v.positives) / v.rows).toFixed(2)}% |`,
  ].join('\n');
}

/** Renders PR-AUC and ROC-AUC of several models within each churn band. */
export function sizeBandsTable(bands: BandMetrics[], models: string[]): string {
  const header = models.flatMap((model) => [`PR-AUC ${model}`, `ROC-AUC ${model}`]);
  const lines = [
    `| churn (lines) | rows | positives | ${header.join(' | ')} |`,
    `|---|---:|---:|${header.map(() => '---:').join('|')}|`,
  ];
  for (const band of bands) {
    const values = models.flatMap((model) => [
      formatNumber(band.prAuc[model]),
      formatNumber(band.rocAuc[model]),
    ]);
    lines.push(`| ${band.band} | ${band.rows} | ${band.positives} | ${values.join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * Describes the machine a training run measured its time on. The load average shows whether
 * other jobs shared the cores, which stretches the time.
 */
export function machineDescription(cpus: number): string {
  const load = loadavg()[0]!.toFixed(1);
  return (
    `${cpus} CPU cores, Node ${process.versions.node}, tfjs wasm backend ` +
    `(1-minute load average ${load} when training ended)`
  );
}

/**
 * Wraps text at spaces to lines of at most `width` characters (a longer word keeps its own
 * line). `firstPrefix` starts the first line and `prefix` the others, as for list items.
 */
export function wrapText(text: string, width = 96, firstPrefix = '', prefix = ''): string {
  const lines: string[] = [];
  let line = firstPrefix;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = prefix + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}
