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
    `version (${p(bowHoisted.probability)}), and it ${decision(bowSort)}. ` +
    (bowSort.probability >= bowSort.threshold
      ? 'The explanation notebook shows which words carry that decision.'
      : 'The words of the change (`sort`, `find`) are common in harmless diffs too, so a sort ' +
        'inside a loop alone is weak evidence for a model that reads words, not structure.'),
    cellId('note')),
  hoisted,
  createMarkdownCell(
    '## A change that removes a cache and nests a loop\n\n' + comparisonTable(nested) + '\n\n' +
    'Bag of Words reads only the words of the change. The size baseline sees only its churn ' +
    'and file count, and the code-opaque model sees no code at all, so their scores move with ' +
    'the size of a change, not with what its loops do.', cellId('note')),
  nested,
]);

// Notebook 2: what the counterfactuals say. The diff with the highest Bag of Words score is
// explained first, so the notebook shows a flagged change whenever the installed model flags one.
const CANDIDATES = ['nested-loop-uncached', 'deep-copy-in-loop', 'loop-sort', 'loop-hoisted'];
const candidateScores = [];
for (const name of CANDIDATES) {
  candidateScores.push({ name, probability: (await scoreResult(bow, diffText(name), runtime)).probability });
}
candidateScores.sort((a, b) => b.probability - a.probability);
const top = candidateScores[0]!;
const other = top.name === 'loop-sort' ? candidateScores[1]! : { name: 'loop-sort' };
const topExplained = await explanation(diffText(top.name), bow);
const otherExplained = await explanation(diffText(other.name), bow);

/** Describes what the first counterfactual of an explanation changes, or that none was found. */
function counterfactualText(cell: ExplanationCell): string {
  const found = cell.counterfactuals;
  const flagged = cell.result.probability >= cell.result.threshold;
  if (found.length === 0) {
    return 'The search found no set of at most three edits that ' +
      `${flagged ? 'clears the flag' : 'reaches the threshold'} within its time budget: the ` +
      'model is far from its threshold here, and the attributions are the only explanation.';
  }
  const first = found[0]!;
  const edits = first.edits.map((edit) => `${edit.kind} \`${edit.before.trim()}\``).join(', ');
  return `The search found ${found.length} counterfactual${found.length === 1 ? '' : 's'}. ` +
    `The first needs ${first.edits.length} edit${first.edits.length === 1 ? '' : 's'} ` +
    `(${edits}) and moves the probability to ${p(first.probabilityAfter)}, ` +
    `${first.flaggedAfter ? 'above' : 'below'} the threshold. Read the edits: if they leave the ` +
    'costly code in place, the model keys on words rather than on the work the code does.';
}

function explanationNote(title: string, cell: ExplanationCell): string {
  const flagged = cell.result.probability >= cell.result.threshold;
  return `## ${title}\n\n` +
    `Bag of Words scores this diff ${p(cell.result.probability)} against its threshold ` +
    `${p(cell.result.threshold)}, so it ${flagged ? 'flags' : 'does not flag'} it. ` +
    `The tokens that raise the score most are ${topTokens(cell, 1, 4) || 'none'}; ` +
    `the ones that lower it most are ${topTokens(cell, -1, 3) || 'none'}.\n\n` +
    counterfactualText(cell);
}

write('counterfactuals', 'What the counterfactuals say', [
  createMarkdownCell(
    '# What the counterfactuals say\n\n' +
    'A counterfactual is a small set of edits to the diff (delete a token or a line, restore a ' +
    'deleted line, drop a hunk) that moves the model\'s decision across its threshold. If the ' +
    'edits that flip a decision are about the *cost* of the code, the model learned something ' +
    'about performance; if they are about naming, it learned vocabulary.\n\n' +
    `Of the diffs in this folder, Bag of Words scores \`${top.name}\` highest, so it comes first.`,
    cellId('note')),
  topExplained,
  createMarkdownCell(explanationNote(`Reading \`${top.name}\``, topExplained), cellId('note')),
  otherExplained,
  createMarkdownCell(explanationNote(`Reading \`${other.name}\``, otherExplained), cellId('note')),
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
const docComment = await comparison(diffText('doc-comment'));
const docExplained = await explanation(diffText('doc-comment'), bow);
const bowDoc = resultOf(docComment, 'bow');
write('fooled', 'Where a model is fooled', [
  createMarkdownCell(
    '# Where a model is fooled\n\n' +
    'Both diffs below change comments only, so neither can make the code slower. ' +
    '`doc-comment` adds a doc comment written on purpose with words that the Bag of Words ' +
    'model weighed heavily when it was written (`missing`, `null`, `add`, `value`, `track`). ' +
    '`comment-only` adds a comment that ' +
    '*talks about* performance: sorting, deep copies, caches.', cellId('note')),
  docComment,
  docExplained,
  createMarkdownCell(
    '## Reading `doc-comment`\n\n' + comparisonTable(docComment) + '\n\n' +
    (bowDoc.probability >= bowDoc.threshold
      ? `Bag of Words flags a change that cannot regress, at ${p(bowDoc.probability)}. `
      : `Bag of Words does not flag it (${p(bowDoc.probability)}), but compare its score with ` +
        'the real regressions in the first notebook. ') +
    `The attributions name the comment words that do it: ${topTokens(docExplained, 1, 4) || 'none'}.` +
    '\n\n' + counterfactualText(docExplained) + ' Here every edit is in a comment, which is ' +
    'the clearest sign that the model reads vocabulary, not cost.', cellId('note')),
  commentOnly,
  commentExplained,
  createMarkdownCell(
    '## Reading `comment-only`\n\n' + comparisonTable(commentOnly) + '\n\n' +
    'Bag of Words moves on words in comments exactly as on words in code: the attributions ' +
    `above (${topTokens(commentExplained, 1, 3) || 'none raise it'}) come from the comment ` +
    'text. Check the attributions before trusting a flag on a diff that is mostly comments.',
    cellId('note')),
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
