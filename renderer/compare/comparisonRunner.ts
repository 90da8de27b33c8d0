/**
 * Keeps the model comparison current: while the Models tab is shown, every edit, metadata change
 * or model list change re-scores the editor text with every installed model, after
 * COMPARISON_DELAY_MS without further changes. Scoring runs in the notebook compute worker,
 * which keeps many models loaded, so it never delays the live score of the inference worker.
 * Metadata changes also go to the inference worker, and the live score is refreshed.
 */
import { recountHunks, serializePatch } from '../../src/core/diff/index.ts';
import type { ChangeMetadata } from '../../src/core/model/types.ts';
import { errorMessage, getServices } from '../app/context.ts';
import { scoreEditorText, scoreOriginalDiff } from '../app/editActions.ts';
import { logEvent } from '../app/log.ts';
import { useExplain } from '../explain/explainStore.ts';
import { computeScore } from '../notebook/computeClient.ts';
import { useWorkbench } from '../store/store.ts';
import { useComparison } from './comparisonStore.ts';

/** Quiet time after the last change before the models re-score, in ms. */
export const COMPARISON_DELAY_MS = 400;

let generation = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastSignature: string | null = null;
let lastMetadata: ChangeMetadata | null = null;
let installed = false;

/**
 * Returns the editor text with recounted hunk headers, which the compute worker's strict parse
 * accepts; the scores equal those of the lenient parse. Null when the text does not parse.
 */
function comparableText(): string | null {
  const { parse } = useWorkbench.getState();
  if (parse.status !== 'ok') return null;
  return serializePatch(recountHunks(parse.patch));
}

/** Scores the editor text with each model in turn; a newer comparison stops an older one. */
async function compareModels(): Promise<void> {
  generation += 1;
  const current = generation;
  const text = comparableText();
  if (text === null) return;

  const models = useWorkbench.getState().models.filter((model) => model.manifest !== null);
  const { metadata } = useComparison.getState();
  const modelIds = models.map((model) => model.id);
  useComparison.getState().startComparison(useWorkbench.getState().diffText, modelIds);

  for (const model of models) {
    if (current !== generation) return;
    try {
      const result = await computeScore(model.id, text, metadata);
      if (current !== generation) return;
      useComparison.getState().setResult(model.id, {
        status: 'ok',
        probability: result.probability,
        threshold: result.threshold,
        error: null,
      });
    } catch (error) {
      if (current !== generation) return;
      logEvent('warn', `Comparison score of model '${model.id}' failed: ${errorMessage(error)}`);
      useComparison.getState().setResult(model.id, {
        status: 'error',
        probability: null,
        threshold: null,
        error: errorMessage(error),
      });
    }
  }
  useComparison.getState().finishComparison();
}

/** Sends new metadata to the inference worker and refreshes the live score and its baseline. */
function applyMetadata(metadata: ChangeMetadata): void {
  if (metadata === lastMetadata) return;
  lastMetadata = metadata;
  try {
    getServices().inference.setMetadata(metadata);
  } catch {
    // Services start with the workbench; the metadata is sent again on the next change.
    lastMetadata = null;
    return;
  }
  scoreEditorText();
  void scoreOriginalDiff();
}

function handleChange(): void {
  applyMetadata(useComparison.getState().metadata);
  if (useExplain.getState().bottomTab !== 'models') return;

  const workbench = useWorkbench.getState();
  const signature = JSON.stringify([
    workbench.diffText,
    workbench.models.map((model) => model.bundleHash),
    useComparison.getState().metadata,
  ]);
  if (signature === lastSignature) return;
  lastSignature = signature;

  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void compareModels();
  }, COMPARISON_DELAY_MS);
}

/** Subscribes the comparison to the stores once. */
export function installComparison(): void {
  if (installed) return;
  installed = true;
  // All-unknown metadata scores like no metadata, so the first value needs no re-score.
  lastMetadata = useComparison.getState().metadata;
  useWorkbench.subscribe(handleChange);
  useComparison.subscribe(handleChange);
  useExplain.subscribe(handleChange);
  handleChange();
}
