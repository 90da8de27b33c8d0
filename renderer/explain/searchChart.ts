/**
 * D3 chart of a counterfactual search that found nothing: the best probability reached after
 * each scored batch (a step line), each batch's own best (dots), the unedited diff's probability
 * and the threshold. The gap between the step line's end and the threshold is how far the model
 * stayed from flipping.
 */
import * as d3 from 'd3';

import type { SearchSeries } from './rows.ts';

const HEIGHT = 168;
const MARGIN = { top: 14, right: 92, bottom: 28, left: 46 };

export function drawSearchChart(element: SVGSVGElement, series: SearchSeries, width: number): void {
  const fullWidth = Math.max(width, 280);
  const svg = d3.select(element).attr('width', fullWidth).attr('height', HEIGHT);
  svg.selectAll('*').remove();

  const { points, threshold, start } = series;
  const values = [start, threshold, ...points.flatMap((point) => [point.best, point.batchBest])];
  const low = d3.min(values) ?? 0;
  const high = d3.max(values) ?? 1;
  const pad = Math.max((high - low) * 0.12, 0.005);
  const y = d3.scaleLinear()
    .domain([Math.max(0, low - pad), Math.min(1, high + pad)])
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const lastStep = Math.max(points.length, 1);
  const x = d3.scaleLinear().domain([0, lastStep]).range([MARGIN.left, fullWidth - MARGIN.right]);

  svg.append('g')
    .attr('class', 'pl-search-axis')
    .attr('transform', `translate(0, ${HEIGHT - MARGIN.bottom})`)
    .call(d3.axisBottom(x).ticks(Math.min(lastStep, 8)).tickFormat(d3.format('d')).tickSize(3));
  svg.append('g')
    .attr('class', 'pl-search-axis')
    .attr('transform', `translate(${MARGIN.left}, 0)`)
    .call(d3.axisLeft(y).ticks(5).tickFormat(d3.format('.3f')).tickSize(3));
  svg.append('text')
    .attr('class', 'pl-search-axis-title')
    .attr('x', fullWidth - MARGIN.right)
    .attr('y', HEIGHT - 4)
    .attr('text-anchor', 'end')
    .text('scored batch');

  const guide = (value: number, className: string, label: string): void => {
    svg.append('line')
      .attr('class', className)
      .attr('x1', MARGIN.left)
      .attr('x2', fullWidth - MARGIN.right)
      .attr('y1', y(value))
      .attr('y2', y(value));
    svg.append('text')
      .attr('class', `${className}-label`)
      .attr('x', fullWidth - MARGIN.right + 6)
      .attr('y', y(value) + 4)
      .text(label);
  };
  guide(threshold, 'pl-search-threshold', `threshold ${threshold.toFixed(3)}`);
  guide(start, 'pl-search-start', `unedited ${start.toFixed(3)}`);

  svg.append('g')
    .selectAll('circle')
    .data(points)
    .join('circle')
    .attr('class', 'pl-search-batch')
    .attr('cx', (point) => x(point.step + 1))
    .attr('cy', (point) => y(point.batchBest))
    .attr('r', 1.8);

  const line = d3.line<{ step: number; best: number }>()
    .x((point) => x(point.step))
    .y((point) => y(point.best))
    .curve(d3.curveStepAfter);
  // Step 0 is the unedited diff; batch k ends at step k + 1.
  const afterBatches = points.map((point) => ({ step: point.step + 1, best: point.best }));
  const path = [{ step: 0, best: start }, ...afterBatches];
  svg.append('path').attr('class', 'pl-search-best').attr('d', line(path));

  const last = path[path.length - 1]!;
  svg.append('circle')
    .attr('class', 'pl-search-closest')
    .attr('cx', x(last.step))
    .attr('cy', y(last.best))
    .attr('r', 4)
    .append('title')
    .text(`closest: ${last.best.toFixed(4)}`);
}
