/** The style sheet of an exported HTML notebook: system fonts only, so it needs no network. */
export const EXPORT_STYLE = `
:root { color-scheme: light; --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
  background: #f8fafc; }
header.pl-header { position: sticky; top: 0; z-index: 2; display: flex; align-items: center; gap: 16px;
  padding: 12px 32px; background: #fff; border-bottom: 1px solid var(--line); }
header.pl-header h1 { font-size: 20px; margin: 0; flex: 1; }
.pl-meta { color: var(--muted); font-size: 13px; }
button { font: inherit; padding: 6px 14px; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; cursor: pointer; }
button:hover { border-color: var(--accent); }
main { max-width: 1040px; margin: 24px auto; padding: 0 24px; }
section.pl-cell { background: #fff; border: 1px solid var(--line); border-radius: 10px; margin: 0 0 20px;
  box-shadow: 0 1px 2px rgba(0,0,0,.04); }
section.pl-cell > details > summary { padding: 10px 18px; cursor: pointer; display: flex; gap: 10px;
  align-items: baseline; border-bottom: 1px solid var(--line); list-style: none; }
section.pl-cell > details:not([open]) > summary { border-bottom: none; }
summary::-webkit-details-marker { display: none; }
.pl-kind { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em;
  color: var(--accent); }
.pl-summary { color: var(--muted); font-size: 13px; }
.pl-body { padding: 14px 18px 18px; overflow-x: auto; }
.pl-markdown h1, .pl-markdown h2, .pl-markdown h3 { margin: .4em 0 .3em; }
.pl-markdown pre, .pl-body pre { background: #f3f4f6; padding: 10px; border-radius: 6px; overflow-x: auto; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
.pl-diff { font: 12.5px/1.5 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; margin: 10px 0; }
.pl-line { display: flex; white-space: pre; }
.pl-ln { flex: none; width: 3.5em; padding-right: 8px; text-align: right; color: #9ca3af;
  user-select: none; border-right: 1px solid var(--line); margin-right: 8px; }
.pl-add { background: #ecfdf5; } .pl-add .pl-code { color: #065f46; }
.pl-del { background: #fef2f2; } .pl-del .pl-code { color: #991b1b; }
.pl-hunk { background: #eff6ff; color: #1e40af; }
.pl-meta-line, .pl-meta { color: var(--muted); }
.pl-line.pl-meta { font-weight: 600; color: #374151; background: #f9fafb; }
mark.pl-token { border-radius: 3px; padding: 0 1px; color: inherit; }
.pl-up-1 { background: #fee2e2; } .pl-up-2 { background: #fecaca; } .pl-up-3 { background: #fca5a5; }
.pl-up-4 { background: #f87171; } .pl-up-5 { background: #ef4444; color: #fff; }
.pl-down-1 { background: #dcfce7; } .pl-down-2 { background: #bbf7d0; } .pl-down-3 { background: #86efac; }
.pl-down-4 { background: #4ade80; } .pl-down-5 { background: #22c55e; }
.pl-line-pl-up-1, .pl-line-pl-up-2 { box-shadow: inset 4px 0 #fca5a5; }
.pl-line-pl-up-3, .pl-line-pl-up-4, .pl-line-pl-up-5 { box-shadow: inset 4px 0 #dc2626; }
.pl-line-pl-down-1, .pl-line-pl-down-2 { box-shadow: inset 4px 0 #86efac; }
.pl-line-pl-down-3, .pl-line-pl-down-4, .pl-line-pl-down-5 { box-shadow: inset 4px 0 #16a34a; }
.pl-result { margin: 0 0 8px; }
.pl-probability { font-size: 22px; font-weight: 650; margin-right: 4px; }
.pl-model { color: var(--muted); font-size: 13px; }
.pl-badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px;
  margin-left: 6px; }
.pl-flagged { background: #fee2e2; color: #991b1b; } .pl-clear { background: #dcfce7; color: #166534; }
.pl-stale { background: #fef3c7; color: #92400e; }
.pl-recheck { padding: 8px 12px; border-radius: 6px; margin: 0 0 12px; font-size: 13px; }
.pl-recheck-stale { background: #fffbeb; border: 1px solid #fcd34d; }
.pl-recheck-ok { background: #f0fdf4; border: 1px solid #bbf7d0; }
.pl-recheck ul { margin: 4px 0 0 18px; padding: 0; }
.pl-charts { display: flex; flex-wrap: wrap; gap: 16px; }
.pl-table { border-collapse: collapse; margin: 10px 0; font-size: 13.5px; }
.pl-table th, .pl-table td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
.pl-table th { background: #f9fafb; font-weight: 600; }
.pl-slider { display: flex; align-items: center; gap: 10px; margin: 8px 0; }
.pl-slider input { width: 280px; }
svg.pl-pickable { cursor: crosshair; }
.pl-caption { color: var(--muted); font-size: 13px; margin: 0 0 4px; }
.pl-counterfactuals li { margin-bottom: 6px; }
.pl-edit-kind { font-size: 12px; color: var(--accent); }
.pl-slidebar { display: none; }
body.pl-presenting header.pl-header { display: none; }
body.pl-presenting .pl-slidebar { display: flex; position: fixed; bottom: 16px; right: 24px; gap: 10px;
  align-items: center; z-index: 3; background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 6px 12px; }
body.pl-presenting main { max-width: none; margin: 0; padding: 32px 6vw; }
body.pl-presenting section.pl-cell { display: none; font-size: 18px; min-height: calc(100vh - 64px); }
body.pl-presenting section.pl-cell.pl-current { display: block; }
footer { text-align: center; color: var(--muted); font-size: 12px; margin: 24px 0 40px; }
@media print { header.pl-header button { display: none; } section.pl-cell { break-inside: avoid; } }
`;
