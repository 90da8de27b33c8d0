/**
 * Files of the last valid patch: path, status and line counts; a click selects and reveals one.
 * While the editor text does not parse, the list is dimmed under a note that it shows the last
 * text that parsed.
 */
import { useMemo } from 'react';

import { revealDiffLine } from '../monaco/editorRegistry.ts';
import { useWorkbench } from '../store/store.ts';
import { useLastValidPatch } from '../store/useLastValidPatch.ts';
import { fileRows, STATUS_LETTER, type FileRow } from './fileRows.ts';
import './file-list.css';

function FileRowView(props: { row: FileRow; selected: boolean; onSelect: (row: FileRow) => void }) {
  const { row, selected, onSelect } = props;
  const slash = row.path.lastIndexOf('/');
  const name = row.path.slice(slash + 1);
  const folder = slash < 0 ? '' : row.path.slice(0, slash);

  return (
    <li
      className={`pl-file-row${selected ? ' is-selected' : ''}`}
      data-testid="file-row"
      aria-selected={selected}
      role="option"
      title={row.fromPath === null ? row.path : `${row.fromPath} → ${row.path}`}
      onClick={() => onSelect(row)}
    >
      <span className={`pl-file-status pl-status-${row.status}`}>{STATUS_LETTER[row.status]}</span>
      <span className="pl-file-name">
        {name}
        <span className="pl-file-folder">{folder}</span>
      </span>
      {row.binary ? (
        <span className="pl-file-binary">binary</span>
      ) : (
        <span className="pl-file-counts">
          <span className="pl-count-added">+{row.added}</span>
          <span className="pl-count-removed">-{row.removed}</span>
        </span>
      )}
    </li>
  );
}

export function FileList() {
  const patch = useLastValidPatch();
  const parse = useWorkbench((state) => state.parse);
  // Line of the parse error while the list shows an older text's files; null when current.
  const staleLine = patch !== null && parse.status === 'error' ? parse.error.line : null;
  const stale = staleLine !== null;
  const selectedIndex = useWorkbench((state) => state.selectedFileIndex);
  const selectFile = useWorkbench((state) => state.selectFile);
  const rows = useMemo(() => (patch === null ? [] : fileRows(patch)), [patch]);

  const totals = rows.reduce(
    (sum, row) => ({ added: sum.added + row.added, removed: sum.removed + row.removed }),
    { added: 0, removed: 0 },
  );

  const onSelect = (row: FileRow) => {
    selectFile(row.index);
    revealDiffLine(row.patchLine);
  };

  return (
    <section className={`pl-panel pl-file-list${stale ? ' is-stale' : ''}`}
      data-testid="file-list" data-stale={stale}>
      <header className="pl-panel-header">
        <span>Files</span>
        <span className="pl-panel-meta">
          {rows.length} · <span className="pl-count-added">+{totals.added}</span>{' '}
          <span className="pl-count-removed">-{totals.removed}</span>
        </span>
      </header>
      {stale && (
        <p className="pl-file-stale" data-testid="file-list-stale">
          Files of the last text that parsed. Fix the diff at line {staleLine} to update.
        </p>
      )}
      {rows.length === 0 ? (
        <p className="pl-empty">No files. Paste a diff with Ctrl+N.</p>
      ) : (
        <ul className="pl-file-rows" role="listbox" aria-label="Files of the diff">
          {rows.map((row) => (
            <FileRowView
              key={`${row.index}:${row.path}`}
              row={row}
              selected={row.index === selectedIndex}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
