/**
 * Builds the example notebooks from the diffs in notebooks/diffs and the installed bundles in
 * models/. Every number in them is computed here with the real models (tfjs wasm backend in
 * Node), and the notes that interpret them are written from those numbers, so re-running after
 * a model is retrained keeps text and numbers in step. The diffs are written for PerfLens.
 *
 * Run: npx tsx notebooks/build-examples.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';

import { parsePatch } from '../src/core/diff/index.ts';
import { sha256Hex } from '../src/core/model/sha256.ts';
import { loadScorer } from '../src/core/model/scorer.ts';
import type { Scorer } from '../src/core/model/types.ts';
import { explainDiff, modelRefOf, scoreResult } from '../src/core/notebook/computeCells.ts';
import {
  createEvaluationCell,
  createMarkdownCell,
  parseLabelledDiffs,
  serializeNotebook,
  summarizeEvaluation,
  type Cell,
  type ComparisonCell,
  type ExplanationCell,
  type ResultRecord,
} from '../src/core/notebook/index.ts';
import { readBundleDir } from '../src/node/bundleFiles.ts';
import { setupTfjsBackend } from '../src/node/tfBackend.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const CREATED_AT = new Date('2026-12-04T12:00:00.000Z');
const MODEL_ORDER = ['bow', 'transformer', 'superperforator', 'opaque', 'size-baseline'];

const backend = await setupTfjsBackend('wasm');
const runtime = { tfjsVersion: tf.version.tfjs, backend };

const scorers = new Map<string, Scorer>();
for (const id of MODEL_ORDER) {
  if (!existsSync(join(ROOT, 'models', id, 'manifest.json'))) continue;
  scorers.set(id, await loadScorer(await readBundleDir(join(ROOT, 'models', id))));
}
if (!scorers.has('bow')) throw new Error('models/bow is missing; run npm run train:bow first.');
const bow = scorers.get('bow')!;

function diffText(name: string): string {
  return readFileSync(join(HERE, 'diffs', `${name}.diff`), 'utf8');
}

let cellCounter = 0;
function cellId(prefix: string): string {
  cellCounter += 1;
  return `${prefix}-${cellCounter}`;
}

async function comparison(diff: string): Promise<ComparisonCell> {
  const results: ResultRecord[] = [];
  for (const scorer of scorers.values()) results.push(await scoreResult(scorer, diff, runtime, CREATED_AT));
  return { id: cellId('compare'), type: 'comparison', collapsed: false, diff, results };
}

async function explanation(diff: string, scorer: Scorer): Promise<ExplanationCell> {
  const fields = await explainDiff(scorer, diff, runtime, { timeBudgetMs: 15_000, now: CREATED_AT });
  return { id: cellId('explain'), type: 'explanation', collapsed: false, ...fields };
}

async function diffCell(diff: string, originalDiff: string, scorer: Scorer): Promise<Cell> {
  const scores = [];
  for (const text of [originalDiff, diff]) {
    const { model: _model, ...score } = await scoreResult(scorer, text, runtime, CREATED_AT);
    scores.push(score);
  }
  return {
    id: cellId('diff'),
    type: 'diff',
    collapsed: false,
    diff,
    originalDiff,
    model: modelRefOf(scorer, runtime),
    scores,
  };
}

function p(value: number): string {
  return value.toFixed(3);
}

function resultOf(cell: ComparisonCell, modelId: string): ResultRecord {
  return cell.results.find((result) => result.model.id === modelId)!;
}

function decision(result: ResultRecord): string {
  return result.probability >= result.threshold ? 'flags it' : 'does not flag it';
}

function comparisonTable(cell: ComparisonCell): string {
  return cell.results
    .map((result) => `- **${result.model.id}**: ${p(result.probability)} against its threshold ` +
      `${p(result.threshold)}, so it ${decision(result)}.`)
    .join('\n');
}

function topTokens(cell: ExplanationCell, sign: 1 | -1, count: number): string {
  return cell.attributions
    .filter((item) => item.level === 'token' && Math.sign(item.attribution) === sign)
    .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution))
    .slice(0, count)
    .map((item) => `\`${item.text}\` (${item.attribution >= 0 ? '+' : ''}${item.attribution.toFixed(3)})`)
    .join(', ');
}

function write(name: string, title: string, cells: Cell[]): void {
  const notebook = {
    format: 'perflens-notebook' as const,
    version: 2,
    title,
    createdAt: CREATED_AT.toISOString(),
    modifiedAt: CREATED_AT.toISOString(),
    cells,
  };
  writeFileSync(join(HERE, `${name}.perflens.json`), serializeNotebook(notebook));
  console.log(`Wrote notebooks/${name}.perflens.json (${cells.length} cells)`);
}

const modelList = [...scorers.keys()].join(', ');

// Notebook 1: one change that adds work inside a loop, across every installed model.
const loopSort = await comparison(diffText('loop-sort'));
const hoisted = await comparison(diffText('loop-hoisted'));
const nested = await comparison(diffText('nested-loop-uncached'));
const bowSort = resultOf(loopSort, 'bow');
const bowHoisted = resultOf(hoisted, 'bow');
write('loop-work', 'Work inside a loop: how the models differ', [
  createMarkdownCell(
    '# Work inside a loop: how the models differ\n\n' +
    'Each cell below scores a diff written for this notebook. `loop-sort` sorts a map\'s ' +
    'values once **per order** inside a loop, a classic regression; `loop-hoisted` builds ' +
    'the lookup once before the loop. Installed models: ' + modelList + '.\n\n' +
    'Every number is re-checked when the notebook opens, so a retrained model shows up as ' +
    '"not reproduced" instead of as a stale score.', cellId('note')),
  await diffCell(diffText('loop-sort'), diffText('loop-hoisted'), bow),
  loopSort,
  createMarkdownCell(
    '## Reading the comparison\n\n' + comparisonTable(loopSort) + '\n\n' +
    `Bag of Words scores the per-order sort ${p(bowSort.probability)}, ` +
    `${bowSort.probability > bowHoisted.probability ? 'above' : 'not above'} the hoisted ` +
    `version (${p(bowHoisted.probability)}), but ${decision(bowSort)}: the words of the change ` +
    '(`sort`, `find`) are common in harmless diffs too, so a sort inside a loop alone is weak ' +
    'evidence for a model that reads words, not structure.', cellId('note')),
  hoisted,
  createMarkdownCell(
    '## A change that removes a cache and nests a loop\n\n' + comparisonTable(nested) + '\n\n' +
    'Bag of Words reacts to words that often come with regressions in its training data: ' +
    'added `for` loops over `i`, `length` and a removed `cached` value. The size baseline only ' +
    'sees churn, and the code-opaque model sees no code at all.', cellId('note')),
  nested,
]);

// Notebook 2: what the counterfactuals say about the flagged change.
const nestedExplained = await explanation(diffText('nested-loop-uncached'), bow);
const loopExplained = await explanation(diffText('loop-sort'), bow);
const cf = nestedExplained.counterfactuals;
write('counterfactuals', 'What the counterfactuals say', [
  createMarkdownCell(
    '# What the counterfactuals say\n\n' +
    'A counterfactual is a small set of edits to the diff (delete a token or a line, restore a ' +
    'deleted line, drop a hunk) that moves the model\'s decision across its threshold. If the ' +
    'edits that flip a decision are about the *cost* of the code, the model learned something ' +
    'about performance; if they are about naming, it learned vocabulary.', cellId('note')),
  nestedExplained,
  createMarkdownCell(
    '## Reading it\n\n' +
    `Bag of Words flags this diff at ${p(nestedExplained.result.probability)}. ` +
    `The tokens that raise the score most are ${topTokens(nestedExplained, 1, 4) || 'none'}; ` +
    `the ones that lower it are ${topTokens(nestedExplained, -1, 3) || 'none'}.\n\n` +
    (cf.length === 0
      ? 'The search found no counterfactual within its budget.'
      : `The search found ${cf.length} counterfactual${cf.length === 1 ? '' : 's'}. The first ` +
        `one needs ${cf[0]!.edits.length} edit${cf[0]!.edits.length === 1 ? '' : 's'} ` +
        `(${cf[0]!.edits.map((edit) => `${edit.kind} \`${edit.before.trim()}\``).join(', ')}) ` +
        `and moves the probability to ${p(cf[0]!.probabilityAfter)}. Edits that leave the ` +
        'nested loop in place but clear the flag show the model keys on words, not on the loop.'),
    cellId('note')),
  loopExplained,
  createMarkdownCell(
    '## The unflagged sort in a loop\n\n' +
    `Here the model is at ${p(loopExplained.result.probability)}, far below its threshold ` +
    `${p(loopExplained.result.threshold)}. ` +
    (loopExplained.counterfactuals.length === 0
      ? 'No small set of edits reaches the threshold, so the counterfactual search comes back ' +
        'empty: the attributions are the only explanation, and they are small.'
      : `${loopExplained.counterfactuals.length} counterfactuals reach the threshold.`),
    cellId('note')),
]);

// Notebook 3: where a model is fooled, and how it does on a labelled set.
const commentOnly = await comparison(diffText('comment-only'));
const commentExplained = await explanation(diffText('comment-only'), bow);
const datasetText = readFileSync(join(HERE, 'data', 'handmade-eval.jsonl'), 'utf8');
const rows = parseLabelledDiffs(datasetText, 'handmade-eval.jsonl');
const datasetHash = await sha256Hex(new TextEncoder().encode(datasetText));
const evaluations = [];
for (const scorer of [...scorers.values()].filter((s) => s.manifest.id !== 'opaque')) {
  const scores = await scorer.scoreBatch(rows.map((row) => parsePatch(row.diff)));
  evaluations.push(createEvaluationCell({
    id: cellId('eval'),
    dataset: { name: 'handmade-eval.jsonl', sha256: datasetHash },
    model: modelRefOf(scorer, runtime),
    scores,
    labels: rows.map((row) => row.label),
    threshold: scorer.manifest.threshold,
    targetRecall: 0.9,
    now: CREATED_AT,
  }));
}
const evalSummary = evaluations.map((cell) => {
  const summary = summarizeEvaluation(cell);
  return `- **${cell.model.id}**: PR-AUC ${p(summary.averagePrecision)}, ROC-AUC ` +
    `${p(summary.rocAuc)} (a random ranking gives PR-AUC ${p(cell.dataset.positives / cell.dataset.rows)}).`;
}).join('\n');
write('fooled', 'Where a model is fooled', [
  createMarkdownCell(
    '# Where a model is fooled\n\n' +
    '`comment-only` adds nothing but a comment that *talks about* performance: sorting, deep ' +
    'copies, caches. No code changes, so no regression is possible.', cellId('note')),
  commentOnly,
  commentExplained,
  createMarkdownCell(
    '## Reading it\n\n' + comparisonTable(commentOnly) + '\n\n' +
    'Bag of Words moves on words in comments exactly as on words in code: the attributions ' +
    `above (${topTokens(commentExplained, 1, 3) || 'none raise it'}) come from the comment text. ` +
    'A researcher should check the attributions before trusting a flag on a diff that is ' +
    'mostly comments.', cellId('note')),
  createMarkdownCell(
    '## On a handmade labelled set\n\n' +
    `\`handmade-eval.jsonl\` holds ${rows.length} short diffs written from templates for this ` +
    'notebook (see `notebooks/data/build-handmade.ts`): half add work inside a loop (a sort, a ' +
    'deep copy, a regular expression per item, a linear search, an await per item), half are ' +
    'renames, comments, hoisting or constant changes. It is tiny and synthetic, so it shows ' +
    'how to read the curves, not how good a model is.\n\n' + evalSummary + '\n\n' +
    'Drag the threshold slider to see the confusion counts and the markers on both curves move.',
    cellId('note')),
  ...evaluations,
]);

for (const scorer of scorers.values()) scorer.dispose();
