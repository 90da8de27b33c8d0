/**
 * Model picker: every model the host lists, with family, version and threshold, plus the tfjs
 * backend choice. Switching models re-scores the diff and starts a new session history. The
 * list is a listbox with one tab stop: arrow keys, Home and End move focus between models, and
 * Enter or Space activates the focused one.
 */
import { useRef, useState, type KeyboardEvent } from 'react';

import { isActivationKey, movedIndex } from '../app/rovingFocus.ts';
import { selectModel, setBackendPreference } from '../app/modelActions.ts';
import type { ModelSummary } from '../../src/host/api.ts';
import { useWorkbench } from '../store/store.ts';
import { BACKEND_ORDER, type BackendName } from '../workers/protocol.ts';
import { FAMILY_NAMES } from './familyNames.ts';
import './model-picker.css';

/** Loads `model` unless it is active already or its manifest could not be read. */
function activateModel(model: ModelSummary, active: boolean): void {
  if (!active && model.manifest !== null) {
    void selectModel(model.id, { resetHistory: true });
  }
}

function ModelRow(props: {
  model: ModelSummary;
  active: boolean;
  loading: boolean;
  /** True for the one row in the tab order. */
  tabStop: boolean;
  onFocus: () => void;
}) {
  const { model, active, loading, tabStop, onFocus } = props;
  const manifest = model.manifest;
  const broken = manifest === null;

  return (
    <li
      className={`pl-model-row${active ? ' is-active' : ''}${broken ? ' is-broken' : ''}`}
      data-testid="model-option"
      data-model-id={model.id}
      role="option"
      aria-selected={active}
      aria-disabled={manifest === null}
      tabIndex={tabStop ? 0 : -1}
      onFocus={onFocus}
      onClick={() => activateModel(model, active)}
      title={manifest === null ? model.error : manifest.description}
    >
      <div className="pl-model-title">
        <span className="pl-model-id">{model.id}</span>
        {active && <span className="pl-model-state">{loading ? 'loading…' : 'active'}</span>}
      </div>
      {manifest === null ? (
        <div className="pl-model-error">{model.error ?? 'The manifest could not be read.'}</div>
      ) : (
        <div className="pl-model-meta">
          <span>{FAMILY_NAMES[manifest.family] ?? manifest.family}</span>
          <span>v{manifest.version}</span>
          <span>threshold {manifest.threshold.toFixed(3)}</span>
          {manifest.metrics?.val !== undefined && (
            <span title="Average precision on the val split">
              val PR-AUC {manifest.metrics.val.prAuc.toFixed(3)}
            </span>
          )}
        </div>
      )}
    </li>
  );
}

function BackendChoice() {
  const preference = useWorkbench((state) => state.backendPreference);
  const backend = useWorkbench((state) => state.backend);
  const failures = useWorkbench((state) => state.backendFailures);
  const workerStatus = useWorkbench((state) => state.workerStatus);

  const onChange = (value: string) => {
    const next = BACKEND_ORDER.find((name) => name === value) ?? null;
    void setBackendPreference(next as BackendName | null);
  };

  return (
    <div className="pl-backend-choice">
      <label>
        <span>tfjs backend</span>
        <select
          data-testid="backend-select"
          value={preference ?? 'auto'}
          onChange={(event) => onChange(event.target.value)}
          disabled={workerStatus === 'starting'}
          title="auto tries webgl, then wasm, then cpu, with wasm first where WebGL is software"
        >
          <option value="auto">auto</option>
          {BACKEND_ORDER.map((name) => (
            <option key={name} value={name}>{name}</option>
          ))}
        </select>
      </label>
      <div className="pl-backend-active">
        active: <strong data-testid="backend">{backend ?? workerStatus}</strong>
      </div>
      {failures.length > 0 && (
        <ul className="pl-backend-failures">
          {failures.map((failure) => (
            <li key={failure.backend}>
              {failure.backend} skipped: {failure.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ModelPicker() {
  const models = useWorkbench((state) => state.models);
  const activeId = useWorkbench((state) => state.activeModelId);
  const status = useWorkbench((state) => state.modelStatus);
  const modelError = useWorkbench((state) => state.modelError);
  const listRef = useRef<HTMLUListElement>(null);
  // Row that keyboard focus is on, or last was on; the active model's row until then.
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const activeIndex = models.findIndex((model) => model.id === activeId);
  const focusedIndex = models.findIndex((model) => model.id === focusedId);
  const tabStopIndex = focusedIndex >= 0 ? focusedIndex : Math.max(activeIndex, 0);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (isActivationKey(event.key)) {
      const model = models[tabStopIndex];
      if (model === undefined) return;
      event.preventDefault();
      activateModel(model, model.id === activeId);
      return;
    }

    const next = movedIndex(event.key, tabStopIndex, models.length, 'vertical');
    if (next === null) return;
    event.preventDefault();
    setFocusedId(models[next]!.id);
    const rows = listRef.current?.querySelectorAll<HTMLElement>('[role="option"]');
    rows?.[next]?.focus();
  };

  return (
    <section className="pl-panel pl-model-picker" data-testid="model-picker">
      <header className="pl-panel-header">
        <span>Model</span>
        <span className="pl-panel-meta">{models.length} installed</span>
      </header>
      <ul className="pl-model-rows" role="listbox" aria-label="Models" ref={listRef}
        onKeyDown={onKeyDown}>
        {models.map((model, index) => (
          <ModelRow
            key={model.id}
            model={model}
            active={model.id === activeId}
            loading={model.id === activeId && status === 'loading'}
            tabStop={index === tabStopIndex}
            onFocus={() => setFocusedId(model.id)}
          />
        ))}
      </ul>
      {modelError !== null && <p className="pl-model-error" role="alert">{modelError}</p>}
      <BackendChoice />
    </section>
  );
}
