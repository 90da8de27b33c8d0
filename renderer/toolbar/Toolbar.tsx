/** Top toolbar: notebook commands with their shortcuts, and the hunk header fix when needed. */
import { fixHunkHeaders } from '../app/editActions.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { runCommand } from './commands.ts';

function ToolButton(props: {
  label: string;
  shortcut?: string;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
  accent?: boolean;
}) {
  const title = props.shortcut === undefined ? props.label : `${props.label} (${props.shortcut})`;
  return (
    <button
      type="button"
      className={`pl-tool-button${props.accent ? ' is-accent' : ''}`}
      data-testid={props.testId}
      title={title}
      onClick={props.onClick}
      disabled={props.disabled}
    >
      {props.label}
      {props.shortcut !== undefined && <kbd>{props.shortcut}</kbd>}
    </button>
  );
}

export function Toolbar() {
  const title = useWorkbench((state) => state.notebookTitle);
  const dirty = useWorkbench(selectDirty);
  const readOnly = useWorkbench((state) => state.readOnly);
  const warnings = useWorkbench((state) =>
    state.parse.status === 'ok' ? state.parse.warnings.length : 0);
  const canReset = useWorkbench((state) => state.diffText !== state.originalDiff);

  return (
    <header className="pl-toolbar">
      <span className="pl-brand">
        <span className="pl-brand-mark">◢</span> PerfLens
      </span>
      <span className="pl-notebook-title" data-testid="notebook-title">
        {title}
        {dirty && <span className="pl-dirty-dot" title="Unsaved edits">●</span>}
        {readOnly && <span className="pl-readonly-tag">read-only</span>}
      </span>
      <nav className="pl-tool-group" aria-label="Notebook">
        <ToolButton label="New diff" shortcut="Ctrl+N" testId="new-button"
          onClick={() => runCommand('new')} />
        <ToolButton label="Open" shortcut="Ctrl+O" testId="open-button"
          onClick={() => runCommand('open')} />
        <ToolButton label="Save" shortcut="Ctrl+S" testId="save-button"
          onClick={() => runCommand('save')} disabled={readOnly} />
        <ToolButton label="Save as" shortcut="Ctrl+Shift+S" testId="save-as-button"
          onClick={() => runCommand('save-as')} disabled={readOnly} />
        <ToolButton label="Reset to original" testId="reset-button"
          onClick={() => runCommand('reset')} disabled={!canReset || readOnly} />
      </nav>
      {warnings > 0 && (
        <ToolButton
          label={`Fix hunk headers (${warnings})`}
          testId="fix-hunks-button"
          onClick={fixHunkHeaders}
          accent
        />
      )}
    </header>
  );
}
