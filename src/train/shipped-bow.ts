/** Val metrics of the shipped Bag of Words bundle, a comparison column of the Transformer cards. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import { loadScorer } from '../core/model/scorer.ts';
import { readBundleDir } from '../node/bundleFiles.ts';
import { PROJECT_ROOT } from '../node/dataset.ts';
import type { LabelledPatches } from './data.ts';
import { scoreRows } from './evaluate.ts';

/** Scores val with `models/bow` at its own threshold, or returns null when it is missing. */
export async function shippedBowReport(val: LabelledPatches): Promise<EvaluationReport | null> {
  const dir = join(PROJECT_ROOT, 'models', 'bow');
  if (!existsSync(join(dir, 'manifest.json'))) return null;

  const scorer = await loadScorer(await readBundleDir(dir));
  const scores = await scoreRows(scorer, val);
  const threshold = scorer.manifest.threshold;
  scorer.dispose();
  return evaluateScores(scores, val.labels, threshold);
}
