/**
 * D3 drawing of the probability on a 0..1 axis. The region at or above the model's threshold is
 * tinted and the threshold is a labelled tick. The original diff's score is a hollow marker, the
 * current score a filled one, and a line joins them when they differ.
 */
import * as d3 from 'd3';

export interface AxisInput {
  width: number;
  probability: number | null;
  original: number | null;
  threshold: number;
  flagged: boolean;
}

const HEIGHT = 58;
const MARGIN = { left: 10, right: 14, top: 18, bottom: 18 };
const TRACK_Y = 24;
const TRACK_HEIGHT = 8;

export function drawProbabilityAxis(svgElement: SVGSVGElement, input: AxisInput): void {
  const width = Math.max(input.width, 160);
  const svg = d3.select(svgElement).attr('width', width).attr('height', HEIGHT);
  svg.selectAll('*').remove();

  const x = d3.scaleLinear().domain([0, 1]).range([MARGIN.left, width - MARGIN.right]).clamp(true);
  const root = svg.append('g');

  root.append('rect')
    .attr('class', 'pl-axis-track')
    .attr('x', x(0))
    .attr('y', TRACK_Y)
    .attr('width', x(1) - x(0))
    .attr('height', TRACK_HEIGHT)
    .attr('rx', 3);
  root.append('rect')
    .attr('class', 'pl-axis-flag-zone')
    .attr('x', x(input.threshold))
    .attr('y', TRACK_Y)
    .attr('width', x(1) - x(input.threshold))
    .attr('height', TRACK_HEIGHT)
    .attr('rx', 3);

  const axis = d3.axisBottom(x).ticks(5).tickSize(3).tickFormat(d3.format('.1f'));
  root.append('g')
    .attr('class', 'pl-axis')
    .attr('transform', `translate(0, ${TRACK_Y + TRACK_HEIGHT + 2})`)
    .call(axis);

  const thresholdX = x(input.threshold);
  root.append('line')
    .attr('class', 'pl-axis-threshold')
    .attr('x1', thresholdX)
    .attr('x2', thresholdX)
    .attr('y1', TRACK_Y - 8)
    .attr('y2', TRACK_Y + TRACK_HEIGHT + 2);
  root.append('text')
    .attr('class', 'pl-axis-threshold-label')
    .attr('x', thresholdX)
    .attr('y', TRACK_Y - 10)
    .attr('text-anchor', thresholdX > width * 0.75 ? 'end' : 'middle')
    .text(`threshold ${input.threshold.toFixed(3)}`);

  drawMarkers(root, x, input);
}

function drawMarkers(
  root: d3.Selection<SVGGElement, unknown, null, undefined>,
  x: d3.ScaleLinear<number, number>,
  input: AxisInput,
): void {
  const centerY = TRACK_Y + TRACK_HEIGHT / 2;

  if (input.original !== null && input.probability !== null) {
    const from = x(input.original);
    const to = x(input.probability);
    if (Math.abs(to - from) > 6) {
      const direction = to > from ? 1 : -1;
      root.append('line')
        .attr('class', 'pl-axis-change')
        .attr('x1', from + direction * 5)
        .attr('x2', to - direction * 7)
        .attr('y1', centerY)
        .attr('y2', centerY);
    }
  }

  if (input.original !== null) {
    root.append('circle')
      .attr('class', 'pl-axis-original')
      .attr('cx', x(input.original))
      .attr('cy', centerY)
      .attr('r', 5)
      .append('title')
      .text(`original diff: ${input.original.toFixed(4)}`);
  }

  if (input.probability !== null) {
    root.append('circle')
      .attr('class', input.flagged ? 'pl-axis-current is-flagged' : 'pl-axis-current')
      .attr('cx', x(input.probability))
      .attr('cy', centerY)
      .attr('r', 6.5)
      .append('title')
      .text(`current diff: ${input.probability.toFixed(4)}`);
  }
}
