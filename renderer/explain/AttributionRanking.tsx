/**
 * The Attributions tab: hunks and lines ranked by attribution, drawn with D3. Hovering a row
 * outlines its line (or hunk) in the editor; clicking reveals it there.
 */
import { useEffect, useMemo, useRef } from 'react';

import { revealDiffLine } from '../monaco/editorRegistry.ts';
import { useElementWidth } from '../score-panel/useElementWidth.ts';
import { useWorkbench } from '../store/store.ts';
import { useExplain, type Highlight } from './explainStore.ts';
import { drawRanking } from './rankingChart.ts';
import { rankingRows, type RankingRow } from './rows.ts';

const METHOD_NAMES = { occlusion: 'occlusion', 'integrated-gradients': 'integrated gradients' };

function highlightOf(row: RankingRow | null): Highlight {
  return row === null ? null : { kind: 'line', patchLine: row.patchLine, level: row.level };
}

export function AttributionRanking() {
  const bodyRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(bodyRef);
  const attributions = useExplain((state) => state.attributions);
  const setHighlight = useExplain((state) => state.setHighlight);
  const stale = useWorkbench((state) => state.diffText !== attributions.diff);
  const rows = useMemo(() => rankingRows(attributions.items), [attributions.items]);

  useEffect(() => {
    if (svgRef.current === null) return;
    drawRanking(svgRef.current, rows, Math.max(width - 4, 480), {
      onHover: (row) => setHighlight(highlightOf(row)),
      onSelect: (row) => revealDiffLine(row.patchLine),
    });
  }, [rows, width, setHighlight]);

  useEffect(() => () => setHighlight(null), [setHighlight]);

  const method = METHOD_NAMES[attributions.method];
  const lineCount = rows.filter((row) => row.level === 'line').length;
  const totalLines = attributions.items.filter((item) => item.level === 'line').length;
  const lineCountText = lineCount < totalLines ? `Top ${lineCount} of ${totalLines}` : `${lineCount}`;
  const empty = rows.length === 0;
  return (
    <div className="pl-explain-tab" data-testid="attribution-ranking">
      <div className="pl-explain-toolbar">
        <span className="pl-explain-caption">
          {empty
            ? 'No attributions yet: they appear after a short pause in typing.'
            : `${lineCountText} lines by ${method}, largest |logit change| first. `
              + 'Hover a row to outline it in the editor; click to jump there.'}
        </span>
        {stale && !empty && <span className="pl-explain-stale">for an older text</span>}
      </div>
      <div className={`pl-explain-scroll${stale ? ' is-stale' : ''}`} ref={bodyRef}>
        <svg ref={svgRef} className="pl-rank-svg" role="img"
          aria-label="Lines and hunks ranked by attribution" />
      </div>
    </div>
  );
}
