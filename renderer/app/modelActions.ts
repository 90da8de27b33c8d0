/** Actions on models and backends: start-up, model switch, backend switch. */
import type { HostApi, HostInfo } from '../../src/host/api.ts';
import { useWorkbench } from '../store/store.ts';
import { BACKEND_ORDER, type BackendName } from '../workers/protocol.ts';
import { errorMessage, getServices, setServices } from './context.ts';
import { scoreEditorText, scoreOriginalDiff } from './editActions.ts';
import { InferenceClient } from './inferenceClient.ts';
import { logEvent } from './log.ts';
import { openNotebook } from './notebookActions.ts';

const BACKEND_STORAGE_KEY = 'perflens.backend';

/**
 * Returns the backend from the `?backend=` query parameter (used by tests and bug reports), else
 * the one chosen earlier in the model panel. Null means the automatic order (backendOrder.ts).
 */
function readBackendPreference(): BackendName | null {
  const fromQuery = new URLSearchParams(window.location.search).get('backend');
  const stored = fromQuery ?? window.localStorage.getItem(BACKEND_STORAGE_KEY);
  return BACKEND_ORDER.find((name) => name === stored) ?? null;
}

function createInferenceClient(): InferenceClient {
  return new InferenceClient({
    onScore: (score) => {
      useWorkbench.getState().acceptScore(score);
    },
    onScoreError: (requestId, message) => {
      logEvent('warn', `Score request ${requestId} failed: ${message}`, 'score-error');
      const state = useWorkbench.getState();
      if (state.rejectScore(requestId, message)) {
        state.showStatus('error', `Scoring failed: ${message}`);
      }
    },
    onCrash: (message) => {
      logEvent('error', message);
      const state = useWorkbench.getState();
      state.setWorkerError([]);
      state.showStatus('error', `${message} Reload the window to restart it.`);
    },
  });
}

async function startWorker(preference: BackendName | null): Promise<void> {
  const state = useWorkbench.getState();
  state.setWorkerStarting(preference);
  try {
    const ready = await getServices().inference.start(preference);
    useWorkbench.getState().setWorkerReady(
      ready.backend,
      ready.failures,
      ready.tfjsVersion,
      ready.reason,
    );
    const skipped = ready.failures.map((failure) => `${failure.backend} (${failure.reason})`);
    const because = ready.reason === null ? '' : ` (${ready.reason})`;
    logEvent('info', `Inference worker started on tfjs ${ready.tfjsVersion} backend `
      + `${ready.backend}${because}`
      + `${skipped.length === 0 ? '' : `; skipped ${skipped.join(', ')}`}.`);
  } catch (error) {
    logEvent('error', `Inference worker failed to start: ${errorMessage(error)}`);
    useWorkbench.getState().setWorkerError([]);
    useWorkbench.getState().showStatus('error', `Inference unavailable: ${errorMessage(error)}`);
    throw error;
  }
}

/** Loads the default model, or the first listed model with a valid manifest when it is missing. */
async function selectDefaultModel(defaultModelId: string): Promise<void> {
  const models = useWorkbench.getState().models.filter((model) => model.manifest !== null);
  const chosen = models.find((model) => model.id === defaultModelId) ?? models[0];

  if (chosen === undefined) {
    useWorkbench.getState().showStatus('warning', 'The host lists no usable models. Train one '
      + 'or copy a bundle into models/, then reload.');
    return;
  }
  await selectModel(chosen.id, { resetHistory: true });
}

/** Opens the host's start notebook, or loads the default model into an empty editor. */
async function openStart(info: HostInfo): Promise<void> {
  if (info.startNotebookPath !== null) {
    await openNotebook(info.startNotebookPath);
    return;
  }
  await selectDefaultModel(info.defaultModelId);
}

/** Connects to the host, starts the worker, and opens the start notebook or the default model. */
export async function startWorkbench(host: HostApi): Promise<void> {
  setServices({ host, inference: createInferenceClient() });
  const state = useWorkbench.getState();

  try {
    const [info, models] = await Promise.all([host.info(), host.listModels()]);
    state.setHostInfo(info.mode, info.workspaceDir);
    state.setModels(models);
    await startWorker(readBackendPreference());
    await openStart(info);
  } catch (error) {
    logEvent('error', `Start-up failed: ${errorMessage(error)}`);
    useWorkbench.getState().showStatus('error', `Start-up failed: ${errorMessage(error)}`);
  }
}

/** Reads every file of a bundle through the host, in parallel. */
async function fetchBundle(
  modelId: string,
): Promise<{ manifestBytes: Uint8Array; files: Record<string, Uint8Array> }> {
  const { host } = getServices();
  const summary = useWorkbench.getState().models.find((model) => model.id === modelId);
  if (summary === undefined) {
    throw new Error(`Model '${modelId}' is not in the host's model list. Pick another model.`);
  }

  if (summary.manifest === null) {
    throw new Error(`Model '${modelId}' has an invalid bundle: ${summary.error ?? 'no manifest'}`);
  }

  const names = Object.keys(summary.manifest.files);
  const [manifestBytes, ...contents] = await Promise.all([
    host.readModelFile(modelId, 'manifest.json'),
    ...names.map((name) => host.readModelFile(modelId, name)),
  ]);
  const files: Record<string, Uint8Array> = {};
  names.forEach((name, i) => {
    files[name] = contents[i]!;
  });
  return { manifestBytes: manifestBytes!, files };
}

/**
 * Loads a model into the worker and re-scores the editor text and the original diff. With
 * `resetHistory` the session history starts over, because scores of two models on one chart
 * would read as a change caused by the edits.
 */
export async function selectModel(
  modelId: string,
  options: { resetHistory: boolean },
): Promise<void> {
  const state = useWorkbench.getState();
  state.setModelLoading(modelId);

  try {
    const { manifestBytes, files } = await fetchBundle(modelId);
    const bundleHash = await getServices().inference.loadModel(modelId, manifestBytes, files);
    const current = useWorkbench.getState();
    current.setModelReady(modelId, bundleHash);
    logEvent('info', `Model '${modelId}' loaded, bundle ${bundleHash.slice(0, 12)}.`);
    if (options.resetHistory) {
      current.resetScores([], null);
    }
  } catch (error) {
    const message = errorMessage(error);
    logEvent('warn', `Model '${modelId}' failed to load: ${message}`);
    useWorkbench.getState().setModelError(modelId, message);
    useWorkbench.getState().showStatus('error', `Model '${modelId}' failed to load: ${message}`);
    return;
  }

  scoreEditorText();
  await scoreOriginalDiff();
}

/** Restarts the worker on another backend (null for automatic) and reloads the active model. */
export async function setBackendPreference(preference: BackendName | null): Promise<void> {
  if (preference === null) {
    window.localStorage.removeItem(BACKEND_STORAGE_KEY);
  } else {
    window.localStorage.setItem(BACKEND_STORAGE_KEY, preference);
  }

  try {
    await startWorker(preference);
  } catch {
    return;
  }

  const modelId = useWorkbench.getState().activeModelId;
  if (modelId !== null) {
    await selectModel(modelId, { resetHistory: false });
  }
  const state = useWorkbench.getState();
  state.showStatus('info', `Backend: ${state.backend ?? 'none'}.`);
}
