/**
 * Benchmark of the explanation engine in Node on the tfjs wasm backend: time to the first
 * counterfactual for a hand-written 103-line diff that BoW and SuperPerforator both flag
 * (bench/fixtures/scheduler-dep-scan.diff), plus the full search, occlusion and integrated
 * gradients, for every shipped model bundle found under models/. Prints a Markdown table for
 * docs/benchmarks.md.
 *
 * Usage: npm run bench:explain -- [--runs N]   (default 10 runs per model after one warm-up)
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import * as tf from '@tensorflow/tfjs';

import { parsePatch } from '../src/core/diff/parse.ts';
import { findCounterfactuals } from '../src/core/explain/counterfactual.ts';
import { integratedGradients } from '../src/core/explain/integratedGradients.ts';
import { occlusionAttributions } from '../src/core/explain/occlusion.ts';
import { distribution } from '../src/core/explain/summary.ts';
import { asDifferentiableScorer } from '../src/core/model/bowGradients.ts';
import { loadScorer } from '../src/core/model/scorer.ts';
import { readBundleDir } from '../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../src/node/dataset.ts';
import { setupTfjsBackend } from '../src/node/tfBackend.ts';

const MODEL_IDS = ['bow', 'superperforator', 'transformer'];
const DIFF_PATH = join(PROJECT_ROOT, 'bench', 'fixtures', 'scheduler-dep-scan.diff');
/** Time budget of one search in ms, as `perflens explain` uses for one diff. */
const SEARCH_BUDGET_MS = 10_000;

interface ModelFigures {
  id: string;
  probability: number;
  flagged: boolean;
  sites: number;
  runsWithCounterfactual: number;
  runs: number;
  firstMs: number[];
  searchMs: number[];
  /** Edit sets scored per second of search, per run. */
  scoredPerSecond: number[];
  edits: number[];
  occlusionMs: number;
  gradientsMs: number | null;
}

function median(values: number[]): string {
  const { median: value } = distribution(values);
  return Number.isNaN(value) ? 'n/a' : value.toFixed(1);
}

function p90(values: number[]): string {
  const { p90: value } = distribution(values);
  return Number.isNaN(value) ? 'n/a' : value.toFixed(1);
}

async function benchModel(id: string, runs: number): Promise<ModelFigures> {
  const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));
  const patch = parsePatch(readFileSync(DIFF_PATH, 'utf8'));
  const decision = await scorer.score(patch);

  // One warm-up search compiles the wasm kernels and fills tfjs caches.
  const warmUp = { maxCounterfactuals: 1, timeBudgetMs: SEARCH_BUDGET_MS };
  await findCounterfactuals(scorer, patch, warmUp);

  const figures: ModelFigures = {
    id,
    probability: decision.probability,
    flagged: decision.flagged,
    sites: 0,
    runsWithCounterfactual: 0,
    runs,
    firstMs: [],
    searchMs: [],
    scoredPerSecond: [],
    edits: [],
    occlusionMs: 0,
    gradientsMs: null,
  };
  for (let run = 0; run < runs; run++) {
    const result = await findCounterfactuals(scorer, patch, {
      seed: run,
      maxCounterfactuals: 3,
      timeBudgetMs: SEARCH_BUDGET_MS,
    });
    figures.sites = result.sites;
    figures.searchMs.push(result.elapsedMs);
    figures.scoredPerSecond.push((1000 * result.scored) / result.elapsedMs);
    const first = result.counterfactuals[0];
    if (first === undefined) continue;

    figures.runsWithCounterfactual++;
    figures.firstMs.push(first.elapsedMs);
    figures.edits.push(first.edits.length);
  }

  const occlusion = await occlusionAttributions(scorer, patch);
  figures.occlusionMs = occlusion.elapsedMs;
  const differentiable = asDifferentiableScorer(scorer);
  if (differentiable !== null) {
    figures.gradientsMs = (await integratedGradients(differentiable, patch)).elapsedMs;
  }

  scorer.dispose();
  return figures;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`Invalid --runs ${JSON.stringify(values.runs)}; pass a whole number >= 1.`);
  }

  const backend = await setupTfjsBackend();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`backend ${backend}, tfjs ${tf.version.tfjs}, Node ${process.version}`);
  const load = loadavg().map((value) => value.toFixed(1)).join(', ');
  console.log(`machine: ${cpus().length} cores, ${cpu}, load average ${load} (1, 5, 15 min)`);
  const diffLines = readFileSync(DIFF_PATH, 'utf8').split('\n').length - 1;
  console.log(`diff: ${DIFF_PATH} (${diffLines} lines)`);
  console.log('');

  const rows: ModelFigures[] = [];
  for (const id of MODEL_IDS) {
    if (!existsSync(join(PROJECT_ROOT, 'models', id, 'manifest.json'))) {
      console.log(`models/${id}: no bundle, skipped`);
      continue;
    }
    console.error(`bench: ${id}, ${runs} runs`);
    rows.push(await benchModel(id, runs));
  }

  console.log(
    '| model | p (decision) | edit sites | runs with a counterfactual | ' +
      'first counterfactual ms, median (p90) | edits of the first | full search ms, median | ' +
      'edit sets scored per s, median | occlusion ms | integrated gradients ms |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const decision = `${row.probability.toFixed(3)} (${row.flagged ? 'flagged' : 'not flagged'})`;
    const gradients = row.gradientsMs === null ? 'n/a' : row.gradientsMs.toFixed(1);
    console.log(
      `| ${row.id} | ${decision} | ${row.sites} | ${row.runsWithCounterfactual}/${row.runs} | ` +
        `${median(row.firstMs)} (${p90(row.firstMs)}) | ${median(row.edits)} | ` +
        `${median(row.searchMs)} | ${median(row.scoredPerSecond)} | ` +
        `${row.occlusionMs.toFixed(1)} | ${gradients} |`,
    );
  }
}

await main();
