/**
 * D3 list of counterfactuals: one row each, with its edits in words, the score before and
 * after, a probability bar against the threshold, and Preview and Apply buttons. Rows are joined
 * by index, so a row streamed in during a search is appended, and earlier rows keep their
 * elements (and the hover under the pointer).
 */
import * as d3 from 'd3';

import type { PhrasePart } from './editWords.ts';
import { drawProbabilityBar } from './probabilityBar.ts';
import { formatDuration, type CounterfactualRow } from './rows.ts';

export interface CounterfactualCallbacks {
  onHover: (index: number | null) => void;
  onPreview: (index: number) => void;
  onApply: (index: number) => void;
}

export interface CounterfactualListInput {
  rows: readonly CounterfactualRow[];
  threshold: number;
  /** Index of the previewed row, which is marked as selected. */
  previewIndex: number | null;
  /** False while the results explain an older text. Apply is then disabled. */
  applicable: boolean;
}

const BAR_WIDTH = 132;
const BAR_HEIGHT = 22;

type Div = d3.Selection<HTMLDivElement, CounterfactualRow, HTMLDivElement, unknown>;

function appendPhrase(item: d3.Selection<HTMLLIElement, PhrasePart[], HTMLUListElement, unknown>) {
  item.selectAll('span')
    .data((parts) => parts)
    .join('span')
    .attr('class', (part) => (part.code ? 'pl-cf-code' : 'pl-cf-words'))
    .text((part) => part.text);
}

function buildRow(row: Div): void {
  row.append('div').attr('class', 'pl-cf-index');
  row.append('ul').attr('class', 'pl-cf-edits');
  const score = row.append('div').attr('class', 'pl-cf-score');
  score.append('div').attr('class', 'pl-cf-probabilities');
  score.append('svg').attr('class', 'pl-cf-bar');
  const actions = row.append('div').attr('class', 'pl-cf-actions');
  actions.append('button')
    .attr('type', 'button')
    .attr('class', 'pl-button pl-cf-preview')
    .attr('data-testid', 'counterfactual-preview')
    .text('Preview');
  actions.append('button')
    .attr('type', 'button')
    .attr('class', 'pl-button is-primary pl-cf-apply')
    .attr('data-testid', 'counterfactual-apply')
    .text('Apply');
}

export function drawCounterfactualList(
  element: HTMLDivElement,
  input: CounterfactualListInput,
  callbacks: CounterfactualCallbacks,
): void {
  const rows = d3.select(element)
    .selectAll<HTMLDivElement, CounterfactualRow>('div.pl-cf-row')
    .data(input.rows, (row) => String(row.index))
    .join((enter) => {
      const row = enter.append('div').attr('class', 'pl-cf-row');
      buildRow(row);
      return row;
    })
    .attr('data-testid', 'counterfactual-row')
    .classed('is-selected', (row) => row.index === input.previewIndex)
    .on('mouseenter', (_event, row) => callbacks.onHover(row.index))
    .on('mouseleave', () => callbacks.onHover(null))
    .on('click', (event: MouseEvent, row) => {
      // A click anywhere but on the buttons previews the row, as Preview does.
      if ((event.target as Element).closest('button') === null) callbacks.onPreview(row.index);
    });

  rows.select('.pl-cf-index')
    .text((row) => `#${row.index + 1}`)
    .attr('title', (row) => `found ${formatDuration(row.elapsedMs)} into the search`);

  rows.select<HTMLUListElement>('ul.pl-cf-edits')
    .selectAll<HTMLLIElement, PhrasePart[]>('li')
    .data((row) => row.edits)
    .join('li')
    .call(appendPhrase);

  rows.select('.pl-cf-probabilities').html('').each(function (row) {
    const cell = d3.select(this);
    cell.append('span').attr('class', 'pl-cf-before').text(row.probabilityBefore.toFixed(4));
    cell.append('span').attr('class', 'pl-cf-arrow').text(' → ');
    cell.append('span')
      .attr('class', row.flaggedAfter ? 'pl-cf-after is-flagged' : 'pl-cf-after')
      .attr('data-testid', 'counterfactual-after')
      .text(row.probabilityAfter.toFixed(4));
  });

  rows.select<SVGSVGElement>('svg.pl-cf-bar').each(function (row) {
    drawProbabilityBar(this, {
      width: BAR_WIDTH,
      height: BAR_HEIGHT,
      threshold: input.threshold,
      probability: row.probabilityAfter,
      before: row.probabilityBefore,
    });
  });

  rows.select('button.pl-cf-preview')
    .on('click', (_event, row) => callbacks.onPreview(row.index));
  rows.select('button.pl-cf-apply')
    .property('disabled', !input.applicable)
    .attr('title', input.applicable
      ? 'Put this counterfactual into the editor as one edit (Ctrl+Z undoes it)'
      : 'The diff changed since this search; wait for the new results')
    .on('click', (_event, row) => callbacks.onApply(row.index));
}
