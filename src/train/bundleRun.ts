/**
 * The last steps every training command shares: score val through the real Scorer of the
 * in-memory bundle, choose the threshold, evaluate, write CARD.md and the bundle folder.
 */
import type * as tf from '@tensorflow/tfjs';

import { bestF1Threshold } from '../core/eval/metrics.ts';
import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import { loadScorer } from '../core/model/scorer.ts';
import type { BundleManifest } from '../core/model/types.ts';
import { assembleBundle, writeBundleDir, type BundleDraft } from '../node/bundleFiles.ts';
import type { LabelledPatches } from './data.ts';
import { scoreRows } from './evaluate.ts';

export const CARD_FILE = 'CARD.md';

/** Returns the manifest's training record of a run on the train and val splits. */
export function trainingRecord(
  run: { command: string; seed: number },
  seconds: number,
): BundleManifest['training'] {
  return {
    dataset: 'perf-commits-v1',
    splits: ['train', 'val'],
    command: run.command,
    seed: run.seed,
    trainedAt: new Date().toISOString(),
    seconds,
  };
}

export interface FinishedBundle {
  manifest: BundleManifest;
  report: EvaluationReport;
  valScores: Float32Array;
}

/**
 * Chooses the threshold with the best F1 on val, because F1 weighs precision and recall
 * equally at a positive rate near 1%, where accuracy would favour flagging nothing.
 * `renderCard` receives the final val report and scores; the card becomes part of the bundle.
 */
export async function finishBundle(options: {
  outDir: string;
  draft: Omit<BundleDraft, 'threshold' | 'metrics'>;
  model: tf.LayersModel;
  extraFiles: Map<string, string>;
  val: LabelledPatches;
  renderCard: (report: EvaluationReport, valScores: Float32Array) => string;
}): Promise<FinishedBundle> {
  const { draft, model, extraFiles, val } = options;
  const placeholder = { rows: 0, positives: 0, prAuc: 0, rocAuc: 0, f1: 0, precision: 0 };
  const unscored: BundleDraft = {
    ...draft,
    threshold: 0.5,
    metrics: { val: { ...placeholder, recall: 0, recallAtBudget: {} } },
  };

  // The weights do not change between the two assemblies, so these scores are the scores
  // that `perflens eval` reproduces from the written bundle.
  const scorer = await loadScorer(await assembleBundle(unscored, model, extraFiles));
  const valScores = await scoreRows(scorer, val);
  scorer.dispose();

  const threshold = bestF1Threshold(valScores, val.labels).threshold;
  const report = evaluateScores(valScores, val.labels, threshold);
  const files = new Map(extraFiles);
  files.set(CARD_FILE, options.renderCard(report, valScores));

  const bundle = await assembleBundle(
    { ...draft, threshold, metrics: { val: report } },
    model,
    files,
  );
  writeBundleDir(options.outDir, bundle);
  return { manifest: bundle.manifest, report, valScores };
}
