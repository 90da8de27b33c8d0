/**
 * D3 ranking of attributions: hunks, then lines, each ordered by |logit|. A row shows the line
 * label, a bar that grows right (pushes the score up) or left (pushes it down) from a centre
 * axis, the value, and the code. Hovering a row and clicking it call back, so the view can
 * highlight and reveal the line in the editor.
 */
import * as d3 from 'd3';

import { scaleMax } from './colorScale.ts';
import type { RankingRow } from './rows.ts';

export interface RankingCallbacks {
  onHover: (row: RankingRow | null) => void;
  onSelect: (row: RankingRow) => void;
}

const ROW_HEIGHT = 20;
const SECTION_HEIGHT = 24;
const LABEL_WIDTH = 78;
const BAR_WIDTH = 200;
const VALUE_WIDTH = 64;

interface Layout {
  row: RankingRow;
  y: number;
}

/** Places section titles and rows from top to bottom; returns rows, titles and total height. */
function layout(rows: readonly RankingRow[]): {
  placed: Layout[];
  titles: { text: string; y: number }[];
  height: number;
} {
  const placed: Layout[] = [];
  const titles: { text: string; y: number }[] = [];
  let y = 0;
  for (const level of ['hunk', 'line'] as const) {
    const ofLevel = rows.filter((row) => row.level === level);
    if (ofLevel.length === 0) continue;
    titles.push({ text: level === 'hunk' ? 'Hunks' : 'Lines', y });
    y += SECTION_HEIGHT;
    for (const row of ofLevel) {
      placed.push({ row, y });
      y += ROW_HEIGHT;
    }
  }
  return { placed, titles, height: y + 4 };
}

export function drawRanking(
  element: SVGSVGElement,
  rows: readonly RankingRow[],
  width: number,
  callbacks: RankingCallbacks,
): void {
  const { placed, titles, height } = layout(rows);
  const svg = d3.select(element).attr('width', width).attr('height', height);
  const barCenter = LABEL_WIDTH + BAR_WIDTH / 2;
  // Hunks and lines have their own scales: a hunk's sum dwarfs its lines.
  const maxOf = (level: RankingRow['level']): number =>
    scaleMax(rows.filter((row) => row.level === level).map((row) => row.logit));
  const max = { hunk: maxOf('hunk'), line: maxOf('line') };
  const barScale = (row: RankingRow): number =>
    (Math.abs(row.logit) / max[row.level]) * (BAR_WIDTH / 2 - 4);

  svg.selectAll<SVGTextElement, { text: string; y: number }>('text.pl-rank-title')
    .data(titles, (title) => title.text)
    .join('text')
    .attr('class', 'pl-rank-title')
    .attr('x', 8)
    .attr('y', (title) => title.y + 16)
    .text((title) => title.text);

  const groups = svg.selectAll<SVGGElement, Layout>('g.pl-rank-row')
    .data(placed, (item) => item.row.key)
    .join((enter) => {
      const group = enter.append('g').attr('class', 'pl-rank-row');
      group.append('rect').attr('class', 'pl-rank-hit');
      group.append('text').attr('class', 'pl-rank-label');
      group.append('line').attr('class', 'pl-rank-axis');
      group.append('rect').attr('class', 'pl-rank-bar');
      group.append('text').attr('class', 'pl-rank-value');
      group.append('text').attr('class', 'pl-rank-code');
      return group;
    })
    .attr('transform', (item) => `translate(0, ${item.y})`)
    .attr('data-testid', 'ranking-row')
    .attr('data-line', (item) => item.row.patchLine)
    .on('mouseenter', (_event, item) => callbacks.onHover(item.row))
    .on('mouseleave', () => callbacks.onHover(null))
    .on('click', (_event, item) => callbacks.onSelect(item.row));

  groups.select('rect.pl-rank-hit')
    .attr('x', 0)
    .attr('y', 0)
    .attr('width', width)
    .attr('height', ROW_HEIGHT);
  groups.select('text.pl-rank-label')
    .attr('x', 8)
    .attr('y', 14)
    .text((item) => item.row.label);
  groups.select('line.pl-rank-axis')
    .attr('x1', barCenter)
    .attr('x2', barCenter)
    .attr('y1', 2)
    .attr('y2', ROW_HEIGHT - 2);
  groups.select('rect.pl-rank-bar')
    .attr('x', (item) => (item.row.logit >= 0 ? barCenter : barCenter - barScale(item.row)))
    .attr('y', 5)
    .attr('width', (item) => Math.max(barScale(item.row), 1))
    .attr('height', ROW_HEIGHT - 10)
    .attr('class', (item) => `pl-rank-bar ${item.row.logit >= 0 ? 'is-up' : 'is-down'}`);
  groups.select('text.pl-rank-value')
    .attr('x', LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH - 8)
    .attr('y', 14)
    .attr('text-anchor', 'end')
    .text((item) => `${item.row.logit >= 0 ? '+' : ''}${item.row.logit.toFixed(3)}`);
  groups.select('text.pl-rank-code')
    .attr('x', LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH + 4)
    .attr('y', 14)
    .text((item) => item.row.text);
}
