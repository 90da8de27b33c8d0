/**
 * Charts of notebook cells as standalone SVG text: precision-recall and ROC curves, score bars
 * and attribution bars. The HTML export, the `.ipynb` export and the app draw the same SVG.
 * All text in them is escaped.
 */
import type { PrPoint, RocPoint } from '../../eval/curves.ts';
import { escapeHtml } from './escape.ts';

/** Plot area of the curve charts in SVG units; the HTML export's script uses the same numbers. */
export const CURVE_LAYOUT = { left: 48, top: 14, width: 260, height: 200, right: 14, bottom: 42 };

const COLORS = { line: '#2563eb', grid: '#e5e7eb', axis: '#6b7280', flag: '#dc2626', ok: '#16a34a' };

function format(value: number): string {
  return Number.isFinite(value) ? value.toFixed(3) : '-';
}

function svgOpen(width: number, height: number, label: string, className: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${className}" width="${width}" ` +
    `height="${height}" viewBox="0 0 ${width} ${height}" role="img" ` +
    `aria-label="${escapeHtml(label)}" font-family="system-ui, sans-serif" font-size="11">`
  );
}

/** Draws axes, grid lines at 0.25 steps and axis titles of a unit square plot. */
function unitAxes(xTitle: string, yTitle: string): string {
  const { left, top, width, height } = CURVE_LAYOUT;
  const parts: string[] = [];

  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    const x = left + tick * width;
    const y = top + (1 - tick) * height;
    parts.push(
      `<line x1="${left}" y1="${y}" x2="${left + width}" y2="${y}" stroke="${COLORS.grid}"/>`,
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + height}" stroke="${COLORS.grid}"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" fill="${COLORS.axis}">${tick}</text>`,
      `<text x="${x}" y="${top + height + 14}" text-anchor="middle" fill="${COLORS.axis}">` +
        `${tick}</text>`,
    );
  }

  const bottom = top + height;
  parts.push(
    `<rect x="${left}" y="${top}" width="${width}" height="${height}" fill="none" ` +
      `stroke="${COLORS.axis}"/>`,
    `<text x="${left + width / 2}" y="${bottom + 32}" text-anchor="middle" fill="#111827">` +
      `${escapeHtml(xTitle)}</text>`,
    `<text transform="translate(12 ${top + height / 2}) rotate(-90)" text-anchor="middle" ` +
      `fill="#111827">${escapeHtml(yTitle)}</text>`,
  );
  return parts.join('');
}

function toPlot(x: number, y: number): [number, number] {
  const { left, top, width, height } = CURVE_LAYOUT;
  return [left + x * width, top + (1 - y) * height];
}

function stepPath(points: Array<[number, number]>): string {
  return points
    .map(([x, y], index) => {
      const [px, py] = toPlot(x, y);
      return `${index === 0 ? 'M' : 'L'}${px.toFixed(1)},${py.toFixed(1)}`;
    })
    .join('');
}

function curveSvg(
  kind: 'pr' | 'roc',
  points: Array<[number, number]>,
  marker: [number, number] | null,
  title: string,
  axes: [string, string],
): string {
  const { left, top, width, height, right, bottom } = CURVE_LAYOUT;
  const totalWidth = left + width + right;
  const totalHeight = top + height + bottom;
  const parts = [svgOpen(totalWidth, totalHeight, title, `pl-chart pl-chart-${kind}`)];
  parts.push(`<title>${escapeHtml(title)}</title>`, unitAxes(axes[0], axes[1]));

  if (kind === 'roc') {
    const [x0, y0] = toPlot(0, 0);
    const [x1, y1] = toPlot(1, 1);
    parts.push(
      `<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y1}" stroke="${COLORS.axis}" ` +
        'stroke-dasharray="4 4"/>',
    );
  }
  if (points.length > 0) {
    parts.push(
      `<path d="${stepPath(points)}" fill="none" stroke="${COLORS.line}" stroke-width="2"/>`,
    );
  } else {
    parts.push(
      `<text x="${left + width / 2}" y="${top + height / 2}" text-anchor="middle" ` +
        `fill="${COLORS.axis}">no curve: the dataset needs both labels</text>`,
    );
  }

  const [mx, my] = marker === null ? [-100, -100] : toPlot(marker[0], marker[1]);
  parts.push(
    `<circle class="pl-marker" data-chart="${kind}" cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" ` +
      `r="5" fill="${COLORS.flag}" stroke="#fff" stroke-width="1.5"/>`,
    '</svg>',
  );
  return parts.join('');
}

/** Draws a precision-recall curve with a marker at the threshold's (recall, precision). */
export function prCurveSvg(points: PrPoint[], marker: { recall: number; precision: number } | null): string {
  return curveSvg(
    'pr',
    points.map((point) => [point.recall, point.precision]),
    marker === null ? null : [marker.recall, marker.precision],
    'Precision-recall curve',
    ['Recall', 'Precision'],
  );
}

/** Draws a ROC curve with a marker at the threshold's (false positive rate, recall). */
export function rocCurveSvg(
  points: RocPoint[],
  marker: { falsePositiveRate: number; truePositiveRate: number } | null,
): string {
  return curveSvg(
    'roc',
    points.map((point) => [point.falsePositiveRate, point.truePositiveRate]),
    marker === null ? null : [marker.falsePositiveRate, marker.truePositiveRate],
    'ROC curve',
    ['False positive rate', 'True positive rate (recall)'],
  );
}

/** One horizontal bar: a model's probability against its threshold. */
export interface ScoreBar {
  label: string;
  probability: number;
  threshold: number;
  /** True when re-checking found that the stored probability no longer reproduces. */
  stale?: boolean;
}

/** Draws probabilities as horizontal bars in [0, 1] with a tick at each model's threshold. */
export function scoreBarsSvg(bars: ScoreBar[]): string {
  const labelWidth = 130;
  const barWidth = 240;
  const rowHeight = 26;
  const width = labelWidth + barWidth + 60;
  const height = bars.length * rowHeight + 24;
  const parts = [svgOpen(width, height, 'Probability by model', 'pl-chart pl-chart-bars')];

  bars.forEach((bar, index) => {
    const y = 8 + index * rowHeight;
    const flagged = bar.probability >= bar.threshold;
    let color = flagged ? COLORS.flag : COLORS.ok;
    if (bar.stale === true) color = COLORS.axis;
    const length = Math.max(1, bar.probability * barWidth);
    const tick = labelWidth + bar.threshold * barWidth;
    const suffix = bar.stale === true ? ' (not reproduced)' : '';
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end" fill="#111827">` +
        `${escapeHtml(truncate(bar.label, 20))}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${barWidth}" height="16" fill="#f3f4f6"/>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${length.toFixed(1)}" height="16" ` +
        `fill="${color}"><title>${escapeHtml(bar.label)}: ${format(bar.probability)} ` +
        `(threshold ${format(bar.threshold)})${suffix}</title></rect>`,
      `<line x1="${tick.toFixed(1)}" y1="${y}" x2="${tick.toFixed(1)}" y2="${y + 22}" ` +
        'stroke="#111827" stroke-width="2"/>',
      `<text x="${labelWidth + barWidth + 6}" y="${y + 15}" fill="#111827">` +
        `${format(bar.probability)}</text>`,
    );
  });

  const axisY = 8 + bars.length * rowHeight + 10;
  parts.push(
    `<text x="${labelWidth}" y="${axisY}" fill="${COLORS.axis}">0</text>`,
    `<text x="${labelWidth + barWidth}" y="${axisY}" text-anchor="end" fill="${COLORS.axis}">` +
      '1</text>',
    '</svg>',
  );
  return parts.join('');
}

/** One attribution bar: a token or line and how much it moves the probability. */
export interface AttributionBar {
  label: string;
  value: number;
}

/** Draws signed attributions as bars around a zero line: red raises the score, green lowers it. */
export function attributionBarsSvg(bars: AttributionBar[]): string {
  const labelWidth = 180;
  const half = 110;
  const rowHeight = 20;
  const width = labelWidth + 2 * half + 60;
  const height = Math.max(1, bars.length) * rowHeight + 12;
  const maxAbs = Math.max(1e-9, ...bars.map((bar) => Math.abs(bar.value)));
  const zero = labelWidth + half;
  const parts = [svgOpen(width, height, 'Attributions', 'pl-chart pl-chart-attributions')];

  bars.forEach((bar, index) => {
    const y = 6 + index * rowHeight;
    const length = (Math.abs(bar.value) / maxAbs) * half;
    const x = bar.value >= 0 ? zero : zero - length;
    const color = bar.value >= 0 ? COLORS.flag : COLORS.ok;
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 12}" text-anchor="end" fill="#111827" ` +
        `font-family="ui-monospace, monospace">${escapeHtml(truncate(bar.label, 26))}</text>`,
      `<rect x="${x.toFixed(1)}" y="${y + 2}" width="${Math.max(1, length).toFixed(1)}" ` +
        `height="13" fill="${color}"><title>${escapeHtml(bar.label)}: ` +
        `${bar.value >= 0 ? '+' : ''}${bar.value.toFixed(4)}</title></rect>`,
      `<text x="${zero + half + 6}" y="${y + 12}" fill="${COLORS.axis}">` +
        `${bar.value >= 0 ? '+' : ''}${bar.value.toFixed(3)}</text>`,
    );
  });

  parts.push(
    `<line x1="${zero}" y1="2" x2="${zero}" y2="${height - 4}" stroke="${COLORS.axis}"/>`,
    '</svg>',
  );
  return parts.join('');
}

function truncate(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}\u2026` : flat;
}
