/**
 * Model picker: every model the host lists, with family, version and threshold, plus the tfjs
 * backend choice. Switching models re-scores the diff and starts a new session history.
 */
import { selectModel, setBackendPreference } from '../app/modelActions.ts';
import type { ModelSummary } from '../../src/host/api.ts';
import { useWorkbench } from '../store/store.ts';
import { BACKEND_ORDER, type BackendName } from '../workers/protocol.ts';
import { FAMILY_NAMES } from './familyNames.ts';
import './model-picker.css';

function ModelRow(props: { model: ModelSummary; active: boolean; loading: boolean }) {
  const { model, active, loading } = props;
  const manifest = model.manifest;
  const broken = manifest === null;

  const onClick = () => {
    if (!active && manifest !== null) {
      void selectModel(model.id, { resetHistory: true });
    }
  };

  return (
    <li
      className={`pl-model-row${active ? ' is-active' : ''}${broken ? ' is-broken' : ''}`}
      data-testid="model-option"
      data-model-id={model.id}
      role="option"
      aria-selected={active}
      aria-disabled={manifest === null}
      onClick={onClick}
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

  return (
    <section className="pl-panel pl-model-picker" data-testid="model-picker">
      <header className="pl-panel-header">
        <span>Model</span>
        <span className="pl-panel-meta">{models.length} installed</span>
      </header>
      <ul className="pl-model-rows" role="listbox" aria-label="Models">
        {models.map((model) => (
          <ModelRow
            key={model.id}
            model={model}
            active={model.id === activeId}
            loading={model.id === activeId && status === 'loading'}
          />
        ))}
      </ul>
      {modelError !== null && <p className="pl-model-error" role="alert">{modelError}</p>}
      <BackendChoice />
    </section>
  );
}
