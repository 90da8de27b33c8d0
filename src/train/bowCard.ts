/** CARD.md of the Bag of Words bundle. */
import { markdownMetricsTable } from '../core/eval/format.ts';
import { bestF1Threshold } from '../core/eval/metrics.ts';
import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import type { BowTrainOptions, CandidateResult } from './bow.ts';
import { BOW_BM25, BOW_VOCABULARY } from './bow.ts';
import { balancedClassWeights } from './classWeights.ts';
import { dataSection, machineDescription, sizeBandsTable, wrapText } from './card.ts';
import { liftSection } from './metadataCard.ts';
import type { LabelledPatches } from './data.ts';
import { formatDuration } from './progress.ts';
import { metricsBySizeBand } from './sizeBands.ts';

export interface BowCardInput {
  train: LabelledPatches;
  val: LabelledPatches;
  report: EvaluationReport;
  valScores: Float32Array;
  sizeValScores: Float32Array;
  best: CandidateResult;
  results: CandidateResult[];
  vocabularySize: number;
  distinctTerms: number;
  avgDocLength: number;
  options: BowTrainOptions;
  seconds: number;
  cpus: number;
}

export function renderBowCard(input: BowCardInput): string {
  const { val, report, best } = input;
  const sizeThreshold = bestF1Threshold(input.sizeValScores, val.labels).threshold;
  const sizeReport = evaluateScores(input.sizeValScores, val.labels, sizeThreshold);
  const bands = metricsBySizeBand(val.patches, val.labels, {
    BoW: input.valScores,
    size: input.sizeValScores,
  });
  const architecture =
    best.candidate.hidden.length === 0
      ? `Logistic regression: Dense(1, sigmoid) over ${input.vocabularySize} inputs`
      : `MLP: Dense(${best.candidate.hidden.join(', ')}, ReLU), then Dense(1, sigmoid)`;

  const weights = balancedClassWeights(input.train.labels);
  const normalization =
    best.candidate.normalize === 'l2' ? 'each row scaled to unit L2 norm' : 'none';

  const capReached = input.vocabularySize === BOW_VOCABULARY.maxSize;
  const vocabularyLine = capReached
    ? `The ${input.vocabularySize} most frequent of ${input.distinctTerms} distinct train ` +
      'terms are kept (the size cap).'
    : `${input.vocabularySize} of ${input.distinctTerms} distinct train terms pass, below ` +
      `the size cap of ${BOW_VOCABULARY.maxSize}.`;

  const sizeLeak =
    best.candidate.normalize === 'l2'
      ? 'Rows have unit length, so diff size enters only through which terms occur.'
      : 'Raw BM25 rows grow with diff size, so size leaks in through the number of terms.';
  const lastEpochNote =
    best.bestEpoch === input.options.epochs
      ? `\n${wrapText(
          `The kept epoch is the last one (${input.options.epochs}), so val PR-AUC may ` +
            'still have been rising: a longer run may score higher on val, with more ' +
            'selection bias.',
        )}\n`
      : '';

  const candidateRows = input.results.map(
    (result) =>
      `| ${result.candidate.name} | ${result.candidate.learningRate} | ${result.bestEpoch} | ` +
      `${result.valPrAuc.toFixed(4)} | ${result.parameters} | ${result.seconds.toFixed(0)} s |`,
  );

  return `# Bag of Words (bow)

Predicts whether a code change (a unified diff) introduces a CPU performance regression, from
the words of its added, removed and context lines. It follows the Bag of Words baseline of the
SuperPerforator study (Beller et al., AST 2023).

${dataSection(input.train, val, 'the model, its epoch and the threshold')}

## Features

- Tokens: identifiers and keywords of every added, removed and context line, split on
  camelCase, PascalCase and snake_case, lowercased; numbers and symbols dropped. Tokens of
  added lines are prefixed \`+\`, of removed lines \`-\`, so \`+cache\` and \`-cache\` are
  different terms.
- Vocabulary from train only: terms in at least ${BOW_VOCABULARY.minDf} train diffs and at most
  ${BOW_VOCABULARY.maxDfRatio * 100}% of them. ${vocabularyLine}
- BM25 weights: k1 = ${BOW_BM25.k1}, b = ${BOW_BM25.b}, average train diff length
  ${input.avgDocLength.toFixed(1)} tokens (stored in vocabulary.json).
- Normalization: ${normalization}.

## Architecture and selection

${architecture}; ${best.parameters} parameters.

${wrapText(
  'Trained with Adam on binary cross-entropy with balanced class weights ' +
    `(${weights.positive.toFixed(1)} for a positive, ${weights.negative.toFixed(2)} for a ` +
    `negative), L2 ${best.candidate.l2} on kernels, batch ${input.options.batchSize}, up to ` +
    `${input.options.epochs} epochs, seed ${input.options.seed}. Each candidate kept the ` +
    'weights of its epoch with the best val PR-AUC, and the candidate with the best val ' +
    'PR-AUC was kept.',
)}

| candidate | learning rate | best epoch | val PR-AUC | parameters | time |
|---|---:|---:|---:|---:|---:|
${candidateRows.join('\n')}
${lastEpochNote}
The decision threshold is the one with the best F1 on val (placed halfway to the next lower
score), because F1 weighs precision and recall equally at a positive rate near 1%.

## Training

${wrapText(
  `\`${input.options.command}\` (\`npm run train:bow\`) took ` +
    `${formatDuration(input.seconds)}, covering all candidates, the size baseline and ` +
    `evaluation, on ${machineDescription(input.cpus)}. \`npm run eval:bow\` reproduces the ` +
    'metrics below.',
)}

## Validation metrics

Against a size-only baseline: logistic regression on log churn and log file count of the
diff, trained on train, threshold by best F1 on val.

${markdownMetricsTable({ BoW: report, 'size only': sizeReport })}

Skip share: the share of val diffs a filter that reviews only flagged diffs can skip while
keeping 100% (or 90%) of the positives; random is the expected share for a filter that reviews
diffs in random order until it reaches as many positives.

## Within size bands

Positives are much larger diffs than negatives, so size alone ranks well overall. Within a
churn band size carries little signal, which shows what the words add:

${sizeBandsTable(bands, ['BoW', 'size'])}

${liftSection(report, sizeReport)}

## Known limits

- Val has only ${report.positives} positives and chose the model, its epoch and the threshold,
  so these figures are optimistic and noisy; one positive more or less moves PR-AUC visibly.
- Labels come from SZZ blame of later perf fixes: a hand audit of 30 positives found about half
  plausible, and some negatives are unfixed regressions. Metrics are against noisy labels.
${wrapText(
  'The model sees words, not program structure or runtime behaviour: it learns which words ' +
    `perf-fixed code tends to contain. ${sizeLeak}`,
  96,
  '- ',
  '  ',
)}
- Trained on four JavaScript/TypeScript projects; other languages or codebases will differ.
`;
}
