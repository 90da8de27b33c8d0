/**
 * Exports a notebook as one self-contained HTML file that works offline: inline style sheet,
 * one inline script, SVG charts and no external URLs. A Content-Security-Policy meta tag allows
 * only that style sheet and script (by sha256), so markup inside a diff or a note can never run
 * even if an escaping bug let it through.
 */
import type { RecheckFinding } from '../recheck.ts';
import type { Cell, Notebook } from '../types.ts';
import { CELL_TYPE_TITLES, cellSummary, renderCellBody } from './cellHtml.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { EXPORT_SCRIPT } from './htmlScript.ts';
import { EXPORT_STYLE } from './htmlStyle.ts';
import { CURVE_LAYOUT } from './svgCharts.ts';

export interface HtmlExportOptions {
  /** Re-check findings from opening the notebook; stale results are marked in the export. */
  findings?: RecheckFinding[];
  /** Name and version of the exporting program, such as "PerfLens 0.1.0". */
  generator?: string;
  /** Export time; defaults to now. */
  now?: Date;
}

/** Returns the base64 sha256 of UTF-8 text, as CSP hash sources need. */
async function cspHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  let binary = '';
  for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
  return `'sha256-${btoa(binary)}'`;
}

/** Builds the Content-Security-Policy that allows exactly the inline style and script. */
export async function exportContentSecurityPolicy(): Promise<string> {
  return [
    "default-src 'none'",
    `style-src ${await cspHash(EXPORT_STYLE)}`,
    `script-src ${await cspHash(EXPORT_SCRIPT)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Returns the DOM id of a cell: `cell-` and the id with only letters, digits, `-` and `_`. */
export function cellAnchor(cell: Cell): string {
  return `cell-${cell.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function cellSection(cell: Cell, index: number, findings: RecheckFinding[]): string {
  let body = renderCellBody(cell, findings);

  if (cell.type === 'evaluation') {
    const slider =
      '<div class="pl-slider"><label>Threshold <input type="range" class="pl-threshold" ' +
      `min="0" max="1" step="any" value="${cell.threshold}" ` +
      `data-cell="${escapeHtml(cell.id)}" aria-label="Threshold"></label>` +
      `<output class="pl-threshold-value">${cell.threshold.toFixed(3)}</output></div>`;
    body = slider + body;
  }

  const open = cell.collapsed ? '' : ' open';
  return (
    `<section class="pl-cell pl-cell-${cell.type}" id="${cellAnchor(cell)}" ` +
    `data-cell-index="${index}"><details${open}><summary>` +
    `<span class="pl-kind">${CELL_TYPE_TITLES[cell.type]}</span>` +
    `<span class="pl-summary">${escapeHtml(cellSummary(cell))}</span></summary>` +
    `<div class="pl-body">${body}</div></details></section>`
  );
}

/** Renders the notebook as a complete HTML document. */
export async function exportNotebookHtml(
  notebook: Notebook,
  options: HtmlExportOptions = {},
): Promise<string> {
  const findings = options.findings ?? [];
  const generator = options.generator ?? 'PerfLens';
  const exportedAt = (options.now ?? new Date()).toISOString();

  const sections = notebook.cells.map((cell, index) =>
    cellSection(cell, index, findings.filter((finding) => finding.cellId === cell.id)),
  );

  const evaluations: Record<string, { scores: number[]; labels: number[] }> = {};
  for (const cell of notebook.cells) {
    if (cell.type === 'evaluation') {
      evaluations[cell.id] = { scores: cell.scores, labels: cell.labels };
    }
  }
  const data = { layout: CURVE_LAYOUT, evaluations };
  const title = escapeHtml(notebook.title === '' ? 'Untitled notebook' : notebook.title);

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${await exportContentSecurityPolicy()}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(generator)}">`,
    `<title>${title}</title>`,
    `<style>${EXPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="pl-header">',
    `<h1>${title}</h1>`,
    `<span class="pl-meta">${notebook.cells.length} cells, exported ${exportedAt}</span>`,
    '<button type="button" id="pl-present" title="Presentation mode (P)">Present</button>',
    '</header>',
    '<div class="pl-slidebar"><span id="pl-slide-counter"></span>',
    '<button type="button" id="pl-exit" title="Leave presentation (Escape)">Exit</button></div>',
    `<main>${sections.join('\n')}</main>`,
    `<footer>Exported by ${escapeHtml(generator)} from a notebook created ` +
      `${escapeHtml(notebook.createdAt)}. Works offline; press P to present.</footer>`,
    `<script type="application/json" id="perflens-data">${jsonForScript(data)}</script>`,
    `<script>${EXPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
