/**
 * D3 sparkline of the editing session's scores, oldest on the left, with the threshold as a
 * dashed line and the newest score as a dot. The y domain always contains the threshold, so the
 * reader can see on which side of it each score fell.
 */
import * as d3 from 'd3';

import type { ScoreRecord } from '../../src/core/notebook/types.ts';

const HEIGHT = 46;
const PAD = { left: 4, right: 8, top: 5, bottom: 5 };

export function drawSparkline(
  svgElement: SVGSVGElement,
  history: readonly ScoreRecord[],
  threshold: number | null,
  width: number,
): void {
  const fullWidth = Math.max(width, 120);
  const svg = d3.select(svgElement).attr('width', fullWidth).attr('height', HEIGHT);
  svg.selectAll('*').remove();

  if (history.length === 0) {
    return;
  }

  const values = history.map((record) => record.probability);
  const limits = threshold === null ? values : [...values, threshold];
  const low = Math.max(0, (d3.min(limits) ?? 0) - 0.02);
  const high = Math.min(1, (d3.max(limits) ?? 1) + 0.02);

  const x = d3.scaleLinear()
    .domain([0, Math.max(history.length - 1, 1)])
    .range([PAD.left, fullWidth - PAD.right]);
  const y = d3.scaleLinear().domain([low, high]).range([HEIGHT - PAD.bottom, PAD.top]);

  if (threshold !== null) {
    svg.append('line')
      .attr('class', 'pl-spark-threshold')
      .attr('x1', PAD.left)
      .attr('x2', fullWidth - PAD.right)
      .attr('y1', y(threshold))
      .attr('y2', y(threshold));
  }

  const line = d3.line<number>()
    .x((_value, i) => x(i))
    .y((value) => y(value))
    .curve(d3.curveMonotoneX);
  svg.append('path').attr('class', 'pl-spark-line').attr('d', line(values));

  const lastIndex = values.length - 1;
  const last = values[lastIndex]!;
  const flagged = threshold !== null && last >= threshold;
  svg.append('circle')
    .attr('class', flagged ? 'pl-spark-last is-flagged' : 'pl-spark-last')
    .attr('cx', x(lastIndex))
    .attr('cy', y(last))
    .attr('r', 3);
}
