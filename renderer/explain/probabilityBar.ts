/**
 * A small D3 probability bar for list rows: the 0..1 track with the flagged zone from the
 * threshold up tinted, a threshold tick, and the probability as a filled bar. An optional
 * `before` value is drawn as a hollow marker joined to the new value, so a row shows how far an
 * edit moved the score and whether it crossed the threshold.
 */
import * as d3 from 'd3';

export interface ProbabilityBarInput {
  width: number;
  height: number;
  threshold: number;
  /** Null draws the empty track, such as while a score is pending. */
  probability: number | null;
  before?: number | null;
}

type SvgSelection = d3.Selection<SVGSVGElement, unknown, null, undefined>;

/** Redraws the bar inside `element`, an `<svg>` owned by the caller. */
export function drawProbabilityBar(element: SVGSVGElement, input: ProbabilityBarInput): void {
  const svg: SvgSelection = d3.select(element);
  const { width, height, threshold, probability } = input;
  svg.attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  svg.selectAll('*').remove();

  const x = d3.scaleLinear().domain([0, 1]).range([1, width - 1]).clamp(true);
  const trackY = Math.round(height / 2) - 4;
  const trackHeight = 8;

  svg.append('rect')
    .attr('class', 'pl-pbar-track')
    .attr('x', x(0))
    .attr('y', trackY)
    .attr('width', x(1) - x(0))
    .attr('height', trackHeight)
    .attr('rx', 2);
  svg.append('rect')
    .attr('class', 'pl-pbar-flag-zone')
    .attr('x', x(threshold))
    .attr('y', trackY)
    .attr('width', x(1) - x(threshold))
    .attr('height', trackHeight)
    .attr('rx', 2);

  if (probability !== null) {
    const flagged = probability >= threshold;
    svg.append('rect')
      .attr('class', flagged ? 'pl-pbar-value is-flagged' : 'pl-pbar-value')
      .attr('x', x(0))
      .attr('y', trackY + 2)
      .attr('width', Math.max(x(probability) - x(0), 1))
      .attr('height', trackHeight - 4)
      .attr('rx', 1);
  }

  const before = input.before ?? null;
  if (before !== null && probability !== null) {
    const from = x(before);
    const to = x(probability);
    svg.append('line')
      .attr('class', 'pl-pbar-move')
      .attr('x1', from)
      .attr('x2', to)
      .attr('y1', trackY - 3)
      .attr('y2', trackY - 3);
    svg.append('circle')
      .attr('class', 'pl-pbar-before')
      .attr('cx', from)
      .attr('cy', trackY - 3)
      .attr('r', 2.5);
    svg.append('path')
      .attr('class', 'pl-pbar-arrow')
      .attr('d', d3.symbol(d3.symbolTriangle, 22)())
      .attr('transform', `translate(${to}, ${trackY - 3}) rotate(${to >= from ? 90 : -90})`);
  }

  svg.append('line')
    .attr('class', 'pl-pbar-threshold')
    .attr('x1', x(threshold))
    .attr('x2', x(threshold))
    .attr('y1', trackY - 6)
    .attr('y2', trackY + trackHeight + 3);
}
