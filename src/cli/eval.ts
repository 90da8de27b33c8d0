/** `perflens eval`: every evaluation metric of a model on labelled dataset rows. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { METRIC_ROWS } from '../core/eval/format.ts';
import { evaluateScores } from '../core/eval/report.ts';
import { DATASET_MISSING_MESSAGE, findDatasetDir } from '../node/dataset.ts';
import { loadRowsFile } from '../train/data.ts';
import { scoreRows } from '../train/evaluate.ts';
import type { CliCommand } from './command.ts';
import { UsageError } from './command.ts';
import { loadModel } from './load.ts';

const SPLITS = ['train', 'val', 'inverse-fixes'];

/** Resolves --data FILE or --split NAME to a dataset file path. */
function dataPath(data: string | undefined, split: string | undefined): string {
  if ((data === undefined) === (split === undefined)) {
    throw new UsageError('eval needs exactly one of --data FILE or --split NAME.');
  }
  if (data !== undefined) {
    if (!existsSync(data)) {
      throw new UsageError(
        `Data file not found: ${resolve(data)}. Pass a .jsonl or .jsonl.gz file.`,
      );
    }
    return data;
  }

  if (!SPLITS.includes(split!)) {
    throw new UsageError(
      `Unknown split ${JSON.stringify(split)}; use one of ${SPLITS.join(', ')}.`,
    );
  }
  const dir = findDatasetDir();
  if (dir === null) throw new UsageError(DATASET_MISSING_MESSAGE);
  return join(dir, `${split}.jsonl.gz`);
}

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Evaluate a model bundle on labelled rows with its own threshold.',
  usage: 'eval DIR (--data FILE | --split NAME) [--json]',
  details:
    'DIR is a model bundle folder such as models/bow. Rows are dataset rows (JSON Lines,\n' +
    'optionally gzip-compressed) with `diff` and `label` fields.',
  options: {
    data: {
      type: 'string',
      valueName: 'FILE',
      description: 'Rows to evaluate on, .jsonl or .jsonl.gz.',
    },
    split: {
      type: 'string',
      valueName: 'NAME',
      description: `A split of the perf-commits-v1 dataset: ${SPLITS.join(', ')}.`,
    },
    json: { type: 'boolean', description: 'Print the full report as JSON instead of a table.' },
  },

  async run(args) {
    const [dir, ...extra] = args.positionals;
    if (dir === undefined || extra.length > 0) {
      throw new UsageError('eval takes exactly one model bundle folder.');
    }
    const path = dataPath(
      args.values.data as string | undefined,
      args.values.split as string | undefined,
    );

    let data;
    try {
      data = loadRowsFile(path);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { scorer, backend } = await loadModel(dir);
    const scores = await scoreRows(scorer, data);
    const report = evaluateScores(scores, data.labels, scorer.manifest.threshold);
    const { manifest, bundleHash } = scorer;
    scorer.dispose();

    if (args.values.json === true) {
      const model = { id: manifest.id, version: manifest.version, bundleHash };
      console.log(JSON.stringify({ model, data: resolve(path), backend, report }, null, 2));
      return 0;
    }

    console.log(`model ${manifest.id} ${manifest.version} on ${resolve(path)} (${backend})`);
    const width = Math.max(...METRIC_ROWS.map((row) => row.metric.length)) + 2;
    for (const row of METRIC_ROWS) console.log(row.metric.padEnd(width) + row.value(report));
    return 0;
  },
};
