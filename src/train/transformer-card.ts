/** CARD.md of the generic Transformer bundle. */
import { markdownMetricsTable } from '../core/eval/format.ts';
import { bestF1Threshold } from '../core/eval/metrics.ts';
import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import type { EncoderArchitecture } from '../core/model/transformer/encoder.ts';
import { dataSection, machineDescription, sizeBandsTable } from './card.ts';
import type { LabelledPatches } from './data.ts';
import { formatDuration } from './progress.ts';
import { metricsBySizeBand } from './sizeBands.ts';
import type { EpochResult, GenericSchedule } from './transformer-stages.ts';

export interface TransformerCardInput {
  train: LabelledPatches;
  val: LabelledPatches;
  report: EvaluationReport;
  valScores: Float32Array;
  sizeValScores: Float32Array;
  /** The shipped Bag of Words bundle on val, or null when models/bow is missing. */
  bowReport: EvaluationReport | null;
  architecture: EncoderArchitecture;
  schedule: GenericSchedule;
  parameters: number;
  /** Share of train diffs longer than maxLength tokens. */
  truncatedShare: number;
  pretrainTrace: [number, number][];
  history: EpochResult[];
  command: string;
  seconds: number;
  cpus: number;
}

/** Returns the mean of the first and of the last `count` trace values. */
export function traceEnds(trace: [number, number][], count = 5): [number, number] {
  const mean = (values: [number, number][]) =>
    values.reduce((sum, [, value]) => sum + value, 0) / Math.max(1, values.length);
  return [mean(trace.slice(0, count)), mean(trace.slice(-count))];
}

/** Renders the per-epoch fine-tuning table. */
export function epochTable(history: EpochResult[]): string {
  const rows = history.map(
    (result) =>
      `| ${result.epoch} | ${result.meanLoss.toFixed(4)} | ${result.valPrAuc.toFixed(4)} |`,
  );
  return ['| epoch | mean train loss | val PR-AUC |', '|---:|---:|---:|', ...rows].join('\n');
}

export function renderTransformerCard(input: TransformerCardInput): string {
  const { val, report, architecture: a, schedule: s } = input;
  const sizeThreshold = bestF1Threshold(input.sizeValScores, val.labels).threshold;
  const sizeReport = evaluateScores(input.sizeValScores, val.labels, sizeThreshold);
  const reports: Record<string, EvaluationReport> = { transformer: report };
  if (input.bowReport !== null) reports['bow (shipped)'] = input.bowReport;
  reports['size baseline'] = sizeReport;
  const bands = metricsBySizeBand(val.patches, val.labels, {
    transformer: input.valScores,
    size: input.sizeValScores,
  });
  const [mlmStart, mlmEnd] = traceEnds(input.pretrainTrace);
  const bestEpoch = input.history.reduce(
    (best, result) => (result.valPrAuc > best.valPrAuc ? result : best),
    input.history[0] ?? { epoch: 0, meanLoss: NaN, valPrAuc: NaN },
  );

  return `# Generic Transformer (transformer)

Predicts whether a code change (a unified diff) introduces a CPU performance regression from the
first ${a.maxLength} subword tokens of the raw diff text. It is the small analogue of the
off-the-shelf Transformer (CodeBERT) of the SuperPerforator study (Beller et al., AST 2023):
a standard encoder that reads the diff as plain text, with no diff-specific tokens.

${dataSection(input.train, val, 'the fine-tuning epoch and the threshold')}

## Tokenizer

Byte-pair encoding learned on the train diffs only: ${a.vocabSize} tokens (3 special tokens,
the characters seen at least 20 times, then merges). Words are lexer words (identifiers,
numbers, runs of symbols) and one token per line break; other whitespace is dropped. On val,
2048 / 4096 / 8192 tokens give 3.06 / 3.41 / 3.66 characters per token: 8192 would shorten
sequences by 7% but double the embedding and MLM-head parameters, so the vocabulary has 4096.
The tokenizer (\`tokenizer.json\`) is part of the bundle and keeps the character span of every
token in the diff text.

## Architecture

- Token embedding (gather with a scatter gradient) plus learned absolute positions, width
  ${a.dim}; ${a.blocks} pre-norm Transformer blocks (${a.heads} heads, feed-forward
  ${a.feedForwardDim}, ReLU, dropout ${a.dropoutRate}); final layer norm.
- Attention pooling over the tokens, then a logistic classifier (Dense(1), sigmoid).
- The masked-language-model head (Dense(${a.vocabSize})) stays in the bundle as the second model
  output, for proposing replacement tokens in counterfactual search.
- ${input.parameters} parameters (${((input.parameters * 4) / 1e6).toFixed(1)} MB of float32).
- Input: the first ${a.maxLength} tokens of the diff text, headers included.
  ${(input.truncatedShare * 100).toFixed(1)}% of train diffs are longer and lose their tail.

## Training

Command: \`${input.command}\` (\`npm run train:transformer\`), on
${machineDescription(input.cpus)}, shared with other jobs: ${formatDuration(input.seconds)} of
training, the final val scoring not included. The run checkpoints to its checkpoint folder
and resumes from it when started again.

1. MLM pretraining on the train and val diffs (labels unused): ${s.pretrainSteps} steps of
   ${s.pretrainBatch} sequences, 15% of the tokens masked (80% [MASK], 10% random, 10% kept),
   Adam, peak learning rate ${s.pretrainLearningRate}, linear warm-up and decay, gradient norm
   clipped at 1. MLM loss ${mlmStart.toFixed(3)} over the first steps, ${mlmEnd.toFixed(3)}
   over the last (a uniform guess is ${Math.log(a.vocabSize).toFixed(3)}).
2. Fine-tuning of the whole model on the train labels: ${s.finetuneEpochs} epochs; each epoch
   takes every positive and a fresh sample of ${s.negativesPerPositive} negatives per positive,
   with balanced class weights on that sample. Batches of ${s.finetuneBatch}, peak learning rate
   ${s.finetuneLearningRate}. The epoch with the best val PR-AUC is kept (epoch
   ${bestEpoch.epoch}).

${epochTable(input.history)}

3. Threshold: the best F1 on val (${report.threshold.toFixed(4)}).

## Val metrics

Next to the shipped Bag of Words bundle (its own threshold) and the size-only baseline
(logistic regression on log churn and log file count, threshold at its best val F1). Val
chose the epoch and the thresholds, so these figures are optimistic; the held-back test split
is the fair measure.

${markdownMetricsTable(reports)}

### Within churn bands (val)

${sizeBandsTable(bands, ['transformer', 'size'])}

## Known limits

- Weak, like the study's CodeBERT (F1 0.02 on regressions in its Table III): ${val.labels.length}
  val rows with ${report.positives} positives make every val figure noisy.
- Reads only the first ${a.maxLength} tokens. Large diffs, where most SZZ positives are, are
  cut, and the diff headers (\`index\` hashes, paths) take part of that budget.
- Labels are noisy (SZZ blame, about 47% precision in a hand audit), and diff size is a
  shortcut: compare with the size baseline and the churn bands above.
- Trained on four JavaScript/TypeScript projects; other languages and code bases are out of
  distribution.
`;
}
