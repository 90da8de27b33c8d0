/**
 * D3 rows of the model comparison: model id and family, a probability bar against the model's
 * own threshold, the probability, the threshold and the decision. Rows are joined by model id.
 */
import * as d3 from 'd3';

import { drawProbabilityBar } from '../explain/probabilityBar.ts';
import type { ComparisonRow } from './comparisonRows.ts';

const BAR_WIDTH = 220;
const BAR_HEIGHT = 22;

function decisionText(row: ComparisonRow): string {
  if (row.status === 'error') return 'failed';
  if (row.flagged === null) return 'scoring…';
  return row.flagged ? '▲ flagged' : '● not flagged';
}

function decisionClass(row: ComparisonRow): string {
  if (row.status === 'error') return 'pl-cmp-decision is-error';
  if (row.flagged === null) return 'pl-cmp-decision';
  return row.flagged ? 'pl-cmp-decision is-flagged' : 'pl-cmp-decision is-safe';
}

export function drawComparison(element: HTMLDivElement, rows: readonly ComparisonRow[]): void {
  const joined = d3.select(element)
    .selectAll<HTMLDivElement, ComparisonRow>('div.pl-cmp-row')
    .data(rows, (row) => row.modelId)
    .join((enter) => {
      const row = enter.append('div').attr('class', 'pl-cmp-row');
      const name = row.append('div').attr('class', 'pl-cmp-name');
      name.append('span').attr('class', 'pl-cmp-id');
      name.append('span').attr('class', 'pl-cmp-family');
      row.append('svg').attr('class', 'pl-cmp-bar');
      row.append('span').attr('class', 'pl-cmp-probability');
      row.append('span').attr('class', 'pl-cmp-threshold');
      row.append('span').attr('class', 'pl-cmp-decision');
      return row;
    })
    .attr('data-testid', 'comparison-row')
    .attr('data-model-id', (row) => row.modelId)
    .attr('data-status', (row) => row.status)
    .classed('is-active', (row) => row.active)
    .classed('is-pending', (row) => row.status === 'pending');

  joined.select('.pl-cmp-id').text((row) => row.modelId);
  joined.select('.pl-cmp-family').text((row) => {
    const tags = [row.familyName, `v${row.version}`];
    if (row.active) tags.push('live');
    if (row.usesMetadata) tags.push('uses metadata');
    return tags.join(' · ');
  });
  joined.select<SVGSVGElement>('svg.pl-cmp-bar').each(function (row) {
    drawProbabilityBar(this, {
      width: BAR_WIDTH,
      height: BAR_HEIGHT,
      threshold: row.threshold,
      probability: row.probability,
    });
  });
  joined.select('.pl-cmp-probability')
    .attr('data-testid', 'comparison-probability')
    .text((row) => (row.probability === null ? '—' : row.probability.toFixed(4)));
  joined.select('.pl-cmp-threshold').text((row) => `threshold ${row.threshold.toFixed(3)}`);
  joined.select('.pl-cmp-decision')
    .attr('class', decisionClass)
    .attr('title', (row) => row.error ?? '')
    .text(decisionText);
}
