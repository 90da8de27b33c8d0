/** The frame around every cell: type, summary, busy state and the move, collapse, delete buttons. */
import type { ReactNode } from 'react';

import { CELL_TYPE_TITLES, cellSummary } from '../../../src/core/notebook/export/cellHtml.ts';
import type { Cell } from '../../../src/core/notebook/types.ts';
import { flipCollapsed, removeCell, shiftCell } from '../cellActions.ts';
import { useNotebookDocument } from '../documentStore.ts';

export function CellFrame(props: {
  cell: Cell;
  index: number;
  count: number;
  /** Extra buttons for this cell type, such as Recompute. */
  actions?: ReactNode;
  children: ReactNode;
}) {
  const { cell, index, count } = props;
  const selected = useNotebookDocument((state) => state.selectedId === cell.id);
  const busy = useNotebookDocument((state) => state.busy[cell.id]);
  const select = useNotebookDocument((state) => state.select);
  const editing = useNotebookDocument((state) => state.editingId === cell.id);

  return (
    <section
      className={`pl-nb-cell${selected ? ' is-selected' : ''}${editing ? ' is-editing' : ''}`}
      data-testid={`cell-${index}`}
      data-cell-type={cell.type}
      data-cell-id={cell.id}
      onMouseDown={() => select(cell.id)}
    >
      <header className="pl-nb-cell-header">
        <button
          type="button"
          className="pl-nb-icon"
          title={cell.collapsed ? 'Expand (O)' : 'Collapse (O)'}
          aria-label={cell.collapsed ? 'Expand cell' : 'Collapse cell'}
          data-testid="cell-collapse"
          onClick={() => flipCollapsed(cell.id)}
        >
          {cell.collapsed ? '\u25B8' : '\u25BE'}
        </button>
        <span className={`pl-nb-kind pl-nb-kind-${cell.type}`}>{CELL_TYPE_TITLES[cell.type]}</span>
        <span className="pl-nb-summary">{cellSummary(cell)}</span>
        {busy !== undefined && (
          <span className="pl-nb-busy" role="status" data-testid="cell-busy">
            <span className="pl-nb-spinner" aria-hidden="true" />
            {busy}
          </span>
        )}
        <span className="pl-nb-cell-actions">
          {props.actions}
          <button type="button" className="pl-nb-icon" title="Move up (Alt+\u2191)"
            aria-label="Move cell up" disabled={index === 0} data-testid="cell-up"
            onClick={() => shiftCell(cell.id, -1)}>{'\u2191'}</button>
          <button type="button" className="pl-nb-icon" title="Move down (Alt+\u2193)"
            aria-label="Move cell down" disabled={index === count - 1} data-testid="cell-down"
            onClick={() => shiftCell(cell.id, 1)}>{'\u2193'}</button>
          <button type="button" className="pl-nb-icon is-danger" title="Delete (Delete)"
            aria-label="Delete cell" data-testid="cell-delete"
            onClick={() => removeCell(cell.id)}>{'\u2715'}</button>
        </span>
      </header>
      {!cell.collapsed && <div className="pl-nb-cell-body pl-nb-doc">{props.children}</div>}
    </section>
  );
}

/** Shows trusted HTML from the cell renderers, which escape every piece of user text. */
export function RenderedHtml(props: { html: string; className?: string }) {
  return <div className={props.className} dangerouslySetInnerHTML={{ __html: props.html }} />;
}
