/** CARD.md of the SuperPerforator bundle. */
import { formatNumber, markdownMetricsTable } from '../core/eval/format.ts';
import { bestF1Threshold } from '../core/eval/metrics.ts';
import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import type { DiffWindowSettings } from '../core/features/diff-windows.ts';
import type { EncoderArchitecture } from '../core/model/transformer/encoder.ts';
import { dataSection, machineDescription, sizeBandsTable } from './card.ts';
import type { LabelledPatches } from './data.ts';
import type { FewShotSettings } from './fewshot.ts';
import type { LoroFoldResult, LoroSettings, TransferMetrics } from './loro.ts';
import { LORO_BOW_EPOCHS } from './loro.ts';
import { formatDuration } from './progress.ts';
import { metricsBySizeBand } from './sizeBands.ts';
import type { FewShotResult } from './superperforator-fewshot.ts';
import type { WindowSchedule } from './superperforator-stages.ts';
import { epochTable, traceEnds } from './transformer-card.ts';
import type { EpochResult } from './transformer-stages.ts';

export interface SuperPerforatorCardInput {
  train: LabelledPatches;
  val: LabelledPatches;
  report: EvaluationReport;
  valScores: Float32Array;
  sizeValScores: Float32Array;
  /** The shipped Bag of Words bundle on val, or null when models/bow is missing. */
  bowReport: EvaluationReport | null;
  architecture: EncoderArchitecture;
  windowSettings: DiffWindowSettings;
  schedule: WindowSchedule;
  loroSchedule: Partial<WindowSchedule>;
  fewShotSettings: FewShotSettings;
  loroSettings: LoroSettings;
  parameters: number;
  /** Windows of each train diff. */
  windowCounts: number[];
  pretrainTrace: [number, number][];
  history: EpochResult[];
  fewShot: FewShotResult;
  loro: LoroFoldResult[];
  command: string;
  seconds: number;
  cpus: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

function metricCells(metrics: TransferMetrics): string {
  const values = [metrics.prAuc, metrics.rocAuc, metrics.recallAt5];
  return values.map((value) => formatNumber(value)).join(' / ');
}

/** Summarizes the LORO table in one or two sentences, from the fold results. */
export function loroSummary(results: readonly LoroFoldResult[]): string {
  if (results.length === 0) return '';
  const mean = (pick: (fold: LoroFoldResult) => number) =>
    results.reduce((sum, fold) => sum + pick(fold), 0) / results.length;
  const adaptation = mean((fold) => fold.adapted.prAuc - fold.withoutAdaptationSameRows.prAuc);
  const bowLead = mean((fold) => fold.bow.prAuc - fold.withoutAdaptation.prAuc);
  const bowWins = results.filter((fold) => fold.bow.prAuc > fold.withoutAdaptation.prAuc).length;
  const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
  return (
    `Averaged over the ${results.length} held-out repositories, 20-shot adaptation changes ` +
    `PR-AUC by ${signed(adaptation)} against the same model on the same rows. BoW has the ` +
    `higher PR-AUC on ${bowWins} of ${results.length} repositories, by ${signed(bowLead)} on ` +
    'average.'
  );
}

/** Renders the leave-one-repository-out table. */
export function loroTable(results: readonly LoroFoldResult[]): string {
  if (results.length === 0) return 'Not run for this bundle (a quick run skipped it).';
  const lines = [
    '| held-out repository | eval rows (positives) | no adaptation | 20-shot adapted | ' +
      'no adaptation, same rows | BoW |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const fold of results) {
    lines.push(
      `| ${fold.repository} | ${fold.evalRows} (${fold.evalPositives}) | ` +
        `${metricCells(fold.withoutAdaptation)} | ${metricCells(fold.adapted)} | ` +
        `${metricCells(fold.withoutAdaptationSameRows)} | ${metricCells(fold.bow)} |`,
    );
  }
  return lines.join('\n');
}

export function renderSuperPerforatorCard(input: SuperPerforatorCardInput): string {
  const { val, report, architecture: a, windowSettings: w, schedule: s } = input;
  const f = input.fewShotSettings;
  const sizeThreshold = bestF1Threshold(input.sizeValScores, val.labels).threshold;
  const sizeReport = evaluateScores(input.sizeValScores, val.labels, sizeThreshold);
  const reports: Record<string, EvaluationReport> = { superperforator: report };
  if (input.bowReport !== null) reports['bow (shipped)'] = input.bowReport;
  reports['size baseline'] = sizeReport;
  const bands = metricsBySizeBand(val.patches, val.labels, {
    superperforator: input.valScores,
    size: input.sizeValScores,
  });

  const counts = [...input.windowCounts].sort((x, y) => x - y);
  const overCap = counts.filter((count) => count > s.trainWindowCap).length / counts.length;
  const [mlmStart, mlmEnd] = traceEnds(input.pretrainTrace);
  const loroEpochs = input.loroSchedule.finetuneEpochs ?? s.finetuneEpochs;
  const loroNegatives = input.loroSchedule.negativesPerPositive ?? s.negativesPerPositive;
  const loroCap = input.loroSchedule.trainWindowCap ?? s.trainWindowCap;

  return `# SuperPerforator (superperforator)

Predicts whether a code change (a unified diff) introduces a CPU performance regression. It is
a small reproduction of the bespoke diff-aware Transformer of the SuperPerforator study
(Beller et al., AST 2023): pretrained on diffs, fine-tuned on the labels, then fine-tuned
again few-shot. It reads the whole diff, hunk by hunk, and is sized to score live in the
browser as the diff is edited.

${dataSection(input.train, val, 'the fine-tuning epoch and the threshold')}

## Input: windows of hunks

- Tokenizer: byte-pair encoding learned on the lines, paths and hunk function names of the
  train diffs, ${a.vocabSize} tokens, with special tokens [FILE], [HUNK], [ADD], [DEL] and [CTX]
  for file boundaries, hunk headers and added, removed and context lines (\`tokenizer.json\`).
- Each hunk becomes one or more windows of at most ${w.windowLength} tokens: [FILE] and up to
  ${w.maxPathTokens} path tokens, [HUNK] and up to ${w.maxSectionTokens} tokens of the hunk's
  function name, then whole lines (a marker token and the line's tokens). A long hunk continues
  in further windows that repeat this prefix. No diff is truncated.
- Every token also gets a line-kind embedding (header, context, added, removed).
- Train diffs have ${percentile(counts, 0.5)} windows at the median, ${percentile(counts, 0.9)}
  at the 90th percentile and ${counts[counts.length - 1] ?? 0} at most.

## Architecture

- Window encoder: token embedding plus line-kind embedding plus learned positions (width
  ${a.dim}), ${a.blocks} pre-norm Transformer blocks (${a.heads} heads, feed-forward
  ${a.feedForwardDim}, ReLU, dropout ${a.dropoutRate}), final layer norm, attention pooling
  over the tokens of the window.
- Hierarchy: attention pooling of the windows of each file, then of the files of the diff
  (hierarchical attention networks, Yang et al. 2016), then a logistic classifier.
- The masked-language-model head (Dense(${a.vocabSize})) stays in the bundle as the second
  model output, for proposing replacement tokens in counterfactual search.
- ${input.parameters} parameters (${((input.parameters * 4) / 1e6).toFixed(1)} MB of float32).
- The scorer caches each window's encoding by its content, so after an edit only the windows
  of the edited hunk run through the encoder; pooling over windows and files always reruns.

## Training

Command: \`${input.command}\` (\`npm run train:superperforator\`), on
${machineDescription(input.cpus)}, shared with other jobs: ${formatDuration(input.seconds)} of
training, the leave-one-repository-out folds included and the final val scoring not included.
The run checkpoints to its checkpoint folder and resumes from it when started again.

1. MLM pretraining on windows of the train and val diffs (labels unused): ${s.pretrainSteps}
   steps of ${s.pretrainBatch} windows drawn uniformly, 15% of the non-special tokens masked
   (80% [MASK], 10% random, 10% kept), Adam, peak learning rate ${s.pretrainLearningRate},
   warm-up and linear decay, gradient norm clipped at 1. MLM loss ${mlmStart.toFixed(3)} over
   the first steps, ${mlmEnd.toFixed(3)} over the last (uniform guess
   ${Math.log(a.vocabSize).toFixed(3)}).
2. First fine-tuning of the whole model on the train labels: ${s.finetuneEpochs} epochs of every
   positive and a fresh sample of ${s.negativesPerPositive} negatives per positive, balanced
   class weights, ${s.finetuneBatch} diffs per step, peak learning rate
   ${s.finetuneLearningRate}. During training a diff contributes at most ${s.trainWindowCap}
   windows, drawn at random per epoch (${(overCap * 100).toFixed(1)}% of train diffs have
   more); val PR-AUC for choosing the epoch reads the first ${s.selectionWindowCap} windows.

${epochTable(input.history)}

3. Second, few-shot fine-tuning ("learning to learn"): Reptile (Nichol et al., 2018) on the
   file pooling, diff pooling and classifier, with the window encoder frozen. Each of
   ${f.metaSteps} episodes takes one train repository, ${f.shotPositives} positives and
   ${f.shotNegatives} negatives of it (20 diffs), ${f.innerSteps} SGD steps at
   ${f.innerLearningRate}, and moves the shared weights toward the adapted ones (step
   ${f.metaLearningRate}, decaying to 0). Episode pool: ${input.fewShot.poolRows} train diffs
   of ${input.fewShot.repositories.join(', ')}. Val PR-AUC (first ${s.selectionWindowCap}
   windows): ${formatNumber(input.fewShot.valPrAucBefore)} before,
   ${formatNumber(input.fewShot.valPrAucAfter)} after; the bundle ships the model after it.
4. Threshold: the best F1 on val (${report.threshold.toFixed(4)}), with every window read.

## Val metrics

Next to the shipped Bag of Words bundle (its own threshold) and the size-only baseline
(logistic regression on log churn and log file count, threshold at its best val F1). Val
chose the epoch and the thresholds, so these figures are optimistic; the held-back test split
is the fair measure.

${markdownMetricsTable(reports)}

### Within churn bands (val)

${sizeBandsTable(bands, ['superperforator', 'size'])}

## Leave-one-repository-out transfer

Each cell is PR-AUC / ROC-AUC / recall at 5% flagged on the held-out repository. For each
repository R, the model starts from the MLM-pretrained weights, is fine-tuned on the train
rows of the other three repositories (${loroEpochs} epoch, ${loroNegatives} negatives per
positive, at most ${loroCap} windows per diff) and meta-trained with Reptile on them as above.
It is evaluated on R's train and val rows: all of R's positives and
${input.loroSettings.evalNegatives} negatives drawn at random, reading the first
${input.loroSettings.windowCap} windows of each diff. "20-shot adapted" runs ${f.adaptSteps}
SGD steps on ${f.shotPositives} positives and ${f.shotNegatives} negatives of R's train
split, averaged over ${input.loroSettings.draws} draws and evaluated on the same rows minus
those 20; "no adaptation, same rows" is the unadapted model on exactly those rows. BoW is
BM25 with L2-normalized logistic regression, trained on the same three repositories for
${LORO_BOW_EPOCHS} epochs. Negatives are subsampled, so PR-AUC here is higher than at the
natural positive rate; compare models within a row, not with the val table.

${loroTable(input.loro)}

${loroSummary(input.loro)}

The MLM pretraining read windows of all four repositories (labels unused), so the held-out
repository is unseen only for the labels.

## Known limits

- Weak, like the study's SuperPerforator (F1 0.28 on regressions in its Table III, where Bag
  of Words reached 0.30): ${val.labels.length} val rows with ${report.positives} positives
  make every val figure noisy.
- Attention pooling averages windows, so the diff vector does not grow with diff size; size,
  a strong shortcut in these labels, reaches the model only through content.
- Labels are noisy (SZZ blame, about 47% precision in the dataset's hand audit).
- Training reads at most ${s.trainWindowCap} windows per diff and LORO at most
  ${input.loroSettings.windowCap}; scoring reads all of them, so very large diffs are scored
  on more content than the model was trained on.
- Trained on four JavaScript/TypeScript projects; other languages and code bases are out of
  distribution.
`;
}
