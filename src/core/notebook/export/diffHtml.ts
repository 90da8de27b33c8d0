/**
 * Renders a unified diff as highlighted HTML: one row per line, classed by kind (file header,
 * hunk header, added, deleted, context), with token and line attributions drawn over it.
 */
import type { AttributionRecord } from '../types.ts';
import { escapeHtml } from './escape.ts';

/** Number of shade steps for attributions; classes run from `pl-up-1` to `pl-up-5`. */
const SHADES = 5;

function lineKind(line: string): string {
  if (line.startsWith('@@')) return 'hunk';
  if (/^(diff --git |index |--- |\+\+\+ |new file|deleted file|similarity|rename )/.test(line)) {
    return 'meta';
  }
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'meta';
  return 'context';
}

/** Returns the shade class of an attribution relative to the largest one shown. */
function shadeClass(value: number, maxAbs: number): string {
  const step = Math.max(1, Math.min(SHADES, Math.ceil((Math.abs(value) / maxAbs) * SHADES)));
  return `${value >= 0 ? 'pl-up' : 'pl-down'}-${step}`;
}

/** Renders `diff`; token attributions become marks, line attributions shade the whole row. */
export function renderDiffHtml(diff: string, attributions: AttributionRecord[] = []): string {
  const lines = diff.replace(/\n$/, '').split('\n');
  const maxAbs = Math.max(1e-9, ...attributions.map((item) => Math.abs(item.attribution)));

  const tokensByLine = new Map<number, AttributionRecord[]>();
  const lineShade = new Map<number, AttributionRecord>();
  for (const item of attributions) {
    if (item.level === 'token' && item.startColumn !== null && item.endColumn !== null) {
      const list = tokensByLine.get(item.patchLine) ?? [];
      list.push(item);
      tokensByLine.set(item.patchLine, list);
    } else if (item.level === 'line') {
      lineShade.set(item.patchLine, item);
    }
  }

  const rows = lines.map((line, index) => {
    const lineNumber = index + 1;
    const shade = lineShade.get(lineNumber);
    const classes = [`pl-line`, `pl-${lineKind(line)}`];
    if (shade !== undefined) classes.push(`pl-line-${shadeClass(shade.attribution, maxAbs)}`);
    const title =
      shade === undefined ? '' : ` title="line attribution ${signed(shade.attribution)}"`;
    const content = renderLineContent(line, tokensByLine.get(lineNumber) ?? [], maxAbs);
    return (
      `<div class="${classes.join(' ')}"${title}><span class="pl-ln">${lineNumber}</span>` +
      `<span class="pl-code">${content}</span></div>`
    );
  });

  return `<div class="pl-diff" role="figure" aria-label="diff">${rows.join('')}</div>`;
}

/** Escapes a line and wraps attributed tokens (1-based, end-exclusive columns) in marks. */
function renderLineContent(line: string, tokens: AttributionRecord[], maxAbs: number): string {
  if (line === '') return ' ';

  const sorted = [...tokens].sort((a, b) => a.startColumn! - b.startColumn!);
  let html = '';
  let cursor = 0;
  for (const token of sorted) {
    const start = token.startColumn! - 1;
    const end = token.endColumn! - 1;
    if (start < cursor || end > line.length || end <= start) continue;

    html += escapeHtml(line.slice(cursor, start));
    html +=
      `<mark class="pl-token ${shadeClass(token.attribution, maxAbs)}" ` +
      `title="${escapeHtml(token.text)}: ${signed(token.attribution)}">` +
      `${escapeHtml(line.slice(start, end))}</mark>`;
    cursor = end;
  }
  return html + escapeHtml(line.slice(cursor));
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(4)}`;
}
