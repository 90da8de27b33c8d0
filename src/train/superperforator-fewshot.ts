/**
 * The second, few-shot fine-tuning of the shipped SuperPerforator: Reptile over the train
 * repositories on the layers above the window encoder. Val PR-AUC is measured before and
 * after, with the same window cap, for the card. The stage runs in one go (about a minute of
 * small matrix products) and stores the resulting weights as the `shipped` snapshot.
 */
import { averagePrecision } from '../core/eval/metrics.ts';
import type { LabelledPatches } from './data.ts';
import {
  encodeDiffs,
  reptile,
  setTopWeights,
  topWeightsOf,
  type FewShotSettings,
} from './fewshot.ts';
import { evaluationRows } from './loro.ts';
import {
  windowProbabilities,
  type WindowData,
  type WindowStageInput,
} from './superperforator-stages.ts';

export const SHIPPED_SNAPSHOT = 'shipped';

/** Negatives per repository in the episode pool, next to all of its positives. */
const POOL_NEGATIVES = 150;

export interface FewShotResult {
  valPrAucBefore: number;
  valPrAucAfter: number;
  poolRows: number;
  repositories: string[];
}

/** Runs the Reptile stage unless it is done; leaves the model at the shipped weights. */
export function runFewShotStage(
  input: WindowStageInput,
  train: LabelledPatches,
  trainData: WindowData,
  valData: WindowData,
  settings: FewShotSettings,
): FewShotResult {
  const { run, layers, schedule, seed } = input;
  if (run.isDone('fewshot')) {
    run.restoreSnapshot(SHIPPED_SNAPSHOT);
    return run.notes.fewShot as FewShotResult;
  }

  const valPrAuc = () =>
    averagePrecision(
      windowProbabilities(layers, valData.diffs, schedule.selectionWindowCap),
      valData.labels,
    );
  const valPrAucBefore = valPrAuc();

  const byRepository = new Map<string, number[]>();
  train.rows.forEach((row, index) => {
    byRepository.set(row.repo, [...(byRepository.get(row.repo) ?? []), index]);
  });
  const poolRows: number[] = [];
  for (const [repository, rows] of byRepository) {
    const sampled = evaluationRows(train.labels, rows, POOL_NEGATIVES, seed, `pool-${repository}`);
    poolRows.push(...sampled);
  }
  const encoded = encodeDiffs(
    layers,
    poolRows.map((row) => trainData.diffs[row]!),
    schedule.selectionWindowCap,
  );
  const poolIndexes = new Map<string, number[]>();
  poolRows.forEach((row, i) => {
    const repository = train.rows[row]!.repo;
    poolIndexes.set(repository, [...(poolIndexes.get(repository) ?? []), i]);
  });

  const initial = topWeightsOf(layers);
  const labels = poolRows.map((row) => train.labels[row]!);
  const meta = reptile(initial, encoded, labels, poolIndexes, settings, seed);
  setTopWeights(layers, meta);
  initial.forEach((tensor) => tensor.dispose());
  meta.forEach((tensor) => tensor.dispose());

  const result: FewShotResult = {
    valPrAucBefore,
    valPrAucAfter: valPrAuc(),
    poolRows: poolRows.length,
    repositories: [...byRepository.keys()].sort(),
  };
  run.notes.fewShot = result;
  run.saveSnapshot(SHIPPED_SNAPSHOT);
  run.notes['done:fewshot'] = true;
  run.save('fewshot:done', 0, null);
  if (run.options.quiet !== true) {
    console.error(
      `superperforator fewshot: val PR-AUC ${valPrAucBefore.toFixed(4)} before, ` +
        `${result.valPrAucAfter.toFixed(4)} after Reptile`,
    );
  }
  return result;
}
