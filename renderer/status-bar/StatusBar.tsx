/**
 * Status bar: mode, backend, model and bundle hash, parse state, the latest message, and the
 * notebook's save state. Clicking the parse state jumps to the parse error.
 */
import { revealDiffLine } from '../monaco/editorRegistry.ts';
import { parseSummary } from '../store/parseState.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';

function BackendItem() {
  const backend = useWorkbench((state) => state.backend);
  const workerStatus = useWorkbench((state) => state.workerStatus);
  const failures = useWorkbench((state) => state.backendFailures);
  const tfjsVersion = useWorkbench((state) => state.tfjsVersion);
  const reason = useWorkbench((state) => state.backendReason);

  let label = backend ?? (workerStatus === 'starting' ? 'starting…' : 'no backend');
  if (backend !== null && reason !== null) label = `${backend} (${reason})`;
  const skipped = failures.map((failure) => `${failure.backend} skipped: ${failure.reason}`);
  const title = [`tfjs ${tfjsVersion ?? '?'} backend: ${label}`, ...skipped].join('\n');

  return (
    <span
      className={`pl-status-item${workerStatus === 'error' ? ' is-error' : ''}`}
      data-testid="status-backend"
      title={title}
    >
      ⚙ {label}
    </span>
  );
}

function ModelItem() {
  const modelId = useWorkbench((state) => state.activeModelId);
  const hash = useWorkbench((state) => state.activeBundleHash);
  const status = useWorkbench((state) => state.modelStatus);

  if (modelId === null) {
    return <span className="pl-status-item">no model</span>;
  }
  let suffix = '';
  if (status === 'loading') {
    suffix = ' loading…';
  } else if (hash !== null) {
    suffix = ` @${hash.slice(0, 8)}`;
  }
  return (
    <span
      className={`pl-status-item${status === 'error' ? ' is-error' : ''}`}
      data-testid="status-model"
      title={hash === null ? undefined : `bundle sha256 ${hash}`}
    >
      ◆ {modelId}
      {suffix}
    </span>
  );
}

function ParseItem() {
  const parse = useWorkbench((state) => state.parse);
  let className = 'pl-status-item';
  if (parse.status === 'error') {
    className = 'pl-status-item is-error is-clickable';
  } else if (parse.status === 'ok' && parse.warnings.length > 0) {
    className = 'pl-status-item is-warning is-clickable';
  }

  const onClick = () => {
    if (parse.status === 'error') {
      revealDiffLine(parse.error.line, parse.error.column);
    } else if (parse.status === 'ok' && parse.warnings[0] !== undefined) {
      revealDiffLine(parse.warnings[0].line, parse.warnings[0].column);
    }
  };

  return (
    <span
      className={className}
      data-testid="status-parse"
      data-parse-status={parse.status}
      title={parse.status === 'error' ? parse.error.message : undefined}
      onClick={onClick}
    >
      {parseSummary(parse)}
    </span>
  );
}

function MessageItem() {
  const parse = useWorkbench((state) => state.parse);
  const message = useWorkbench((state) => state.statusMessage);

  // A parse error outranks older messages: it is what the user has to fix right now.
  if (parse.status === 'error') {
    return (
      <span className="pl-status-message is-error" data-testid="status-message">
        {parse.error.message}
      </span>
    );
  }
  if (message === null) {
    return <span className="pl-status-message" data-testid="status-message" />;
  }
  return (
    <span className={`pl-status-message is-${message.kind}`} data-testid="status-message"
      title={message.text}>
      {message.text}
    </span>
  );
}

function SaveItem() {
  const dirty = useWorkbench(selectDirty);
  const saveStatus = useWorkbench((state) => state.saveStatus);
  const path = useWorkbench((state) => state.notebookPath);
  const title = useWorkbench((state) => state.notebookTitle);
  const readOnly = useWorkbench((state) => state.readOnly);

  let state = 'saved';
  if (readOnly) {
    state = 'read-only';
  } else if (saveStatus === 'saving') {
    state = 'saving…';
  } else if (dirty) {
    state = '● unsaved';
  }
  return (
    <span
      className={`pl-status-item${dirty ? ' is-dirty' : ''}`}
      data-testid="status-save"
      data-dirty={dirty ? 'true' : 'false'}
      title={path ?? 'Not saved yet'}
    >
      {title} · {state}
    </span>
  );
}

export function StatusBar() {
  const mode = useWorkbench((state) => state.hostMode);

  return (
    <footer className="pl-status-bar" data-testid="status">
      <span className="pl-status-item pl-status-mode" data-testid="status-mode">
        {mode ?? 'connecting…'}
      </span>
      <BackendItem />
      <ModelItem />
      <ParseItem />
      <MessageItem />
      <SaveItem />
    </footer>
  );
}
