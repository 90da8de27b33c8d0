/**
 * `perflens explain`: attributions and counterfactuals of one diff, or counterfactual quality
 * figures over the predicted positives of a labelled dataset file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import type { CounterfactualOptions } from '../core/explain/counterfactual.ts';
import { callSitesAndImports } from '../core/explain/predicates.ts';
import type { EditKind } from '../core/explain/types.ts';
import { loadRowsFile } from '../train/data.ts';
import { integerOption, UsageError, type CliCommand, type ParsedArgs } from './command.ts';
import { explainDataset, formatDatasetExplanation } from './explainData.ts';
import { explainDiff } from './explainDiff.ts';
import { formatExplanation } from './explainText.ts';
import { DEFAULT_MODEL_DIR, loadModel, readPatch } from './load.ts';

const EDIT_KINDS: readonly EditKind[] = [
  'delete-token',
  'replace-token',
  'delete-line',
  'restore-line',
  'drop-hunk',
];

/** Reads --kinds as a list of edit kinds, or undefined for the default (all). */
function editKindsOption(args: ParsedArgs): EditKind[] | undefined {
  const raw = args.values.kinds;
  if (typeof raw !== 'string') return undefined;

  const kinds = raw.split(',').map((kind) => kind.trim());
  for (const kind of kinds) {
    if (!EDIT_KINDS.includes(kind as EditKind)) {
      throw new UsageError(
        `Unknown edit kind ${JSON.stringify(kind)} in --kinds; use a comma-separated list of ` +
          `${EDIT_KINDS.join(', ')}.`,
      );
    }
  }
  return kinds as EditKind[];
}

/** Reads the search options shared by both modes; defaults differ per mode. */
function searchOptions(args: ParsedArgs, dataset: boolean): CounterfactualOptions {
  const kinds = editKindsOption(args);
  const callSites = args.values['call-sites'] === true;
  if (callSites && kinds !== undefined && kinds.every((kind) => kind === 'drop-hunk')) {
    console.error(
      'explain: warning: --call-sites rejects hunk drops, so with --kinds drop-hunk the search ' +
        'has no edit sites. Drop --call-sites or add token and line kinds to --kinds.',
    );
  }
  return {
    maxEdits: integerOption(args, 'max-edits', 3, 1),
    maxCounterfactuals: integerOption(args, 'counterfactuals', dataset ? 1 : 3, 1),
    timeBudgetMs: integerOption(args, 'budget-ms', dataset ? 5000 : 10_000, 1),
    seed: integerOption(args, 'seed', 0),
    kinds,
    replacementTokenLimit:
      args.values['replacement-tokens'] === undefined
        ? undefined
        : integerOption(args, 'replacement-tokens', 0),
    predicate: callSites ? callSitesAndImports : undefined,
  };
}

export const explainCommand: CliCommand = {
  name: 'explain',
  summary: 'Explain a model decision: attributions and counterfactual edits of a diff.',
  usage: 'explain (FILE|- | --data FILE [--limit N]) [--model DIR] [options]',
  details:
    'With FILE (or - for standard input), prints token, line and hunk occlusion attributions,\n' +
    'integrated gradients for models with gradient access, and the smallest edit sets that\n' +
    'move the decision across the threshold (counterfactuals).\n' +
    'With --data FILE (dataset rows, .jsonl or .jsonl.gz), scores every row and searches one\n' +
    'counterfactual for each predicted positive, then prints the share with a counterfactual,\n' +
    'edits per counterfactual, search times and the tokens counterfactuals change most often.\n' +
    `Edit operators: ${EDIT_KINDS.join(', ')}.`,
  options: {
    model: {
      type: 'string',
      valueName: 'DIR',
      description: 'Model bundle folder (default: models/bow).',
    },
    data: {
      type: 'string',
      valueName: 'FILE',
      description: 'Labelled dataset rows (.jsonl or .jsonl.gz) to explain in bulk.',
    },
    limit: {
      type: 'string',
      valueName: 'N',
      description: 'With --data: explain at most N predicted positives, in file order.',
    },
    top: { type: 'string', valueName: 'K', description: 'Rows per printed table (default 10).' },
    'max-edits': {
      type: 'string',
      valueName: 'N',
      description: 'Maximum edits per counterfactual (default 3).',
    },
    counterfactuals: {
      type: 'string',
      valueName: 'N',
      description: 'Disjoint counterfactuals to find per diff (default 3; with --data, 1).',
    },
    'budget-ms': {
      type: 'string',
      valueName: 'MS',
      description:
        'Time budget in ms of occlusion and of the counterfactual search, each, per diff ' +
        '(default 10000; with --data, 5000, search only). Integrated gradients run unbounded.',
    },
    seed: {
      type: 'string',
      valueName: 'N',
      description: 'Seed of the search tie-breaking order (default 0).',
    },
    kinds: {
      type: 'string',
      valueName: 'LIST',
      description: 'Comma-separated edit operators of the search (default: all, listed above).',
    },
    'replacement-tokens': {
      type: 'string',
      valueName: 'N',
      description: 'Tokens given replacements, in diff order (default 256 with an MLM head).',
    },
    'call-sites': {
      type: 'boolean',
      description: 'Edit only called names and import lines (no hunk drops).',
    },
    json: { type: 'boolean', description: 'Print JSON instead of text.' },
    lenient: {
      type: 'boolean',
      description: 'Accept hunks whose line counts do not match their headers.',
    },
  },

  async run(args) {
    const dataPath = args.values.data as string | undefined;
    const modelDir = (args.values.model as string | undefined) ?? DEFAULT_MODEL_DIR;
    const top = integerOption(args, 'top', 10, 1);
    const json = args.values.json === true;

    if (dataPath !== undefined) {
      if (args.positionals.length > 0) {
        throw new UsageError('explain takes either a diff FILE or --data FILE, not both.');
      }
      if (!existsSync(dataPath)) {
        throw new UsageError(
          `Data file not found: ${resolve(dataPath)}. Pass a .jsonl or .jsonl.gz file.`,
        );
      }
      const options = searchOptions(args, true);
      const limit = integerOption(args, 'limit', Number.MAX_SAFE_INTEGER);
      let data;
      try {
        data = loadRowsFile(dataPath);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }

      const { scorer, backend } = await loadModel(modelDir);
      const { manifest } = scorer;
      console.error(`explain: model ${manifest.id} ${manifest.version} on ${backend}`);
      const explanation = await explainDataset(scorer, data, limit, options);
      scorer.dispose();

      if (json) {
        const model = { id: manifest.id, version: manifest.version, bundleHash: scorer.bundleHash };
        const { predicate: _predicate, ...search } = options;
        const callSites = args.values['call-sites'] === true;
        const data = resolve(dataPath);
        const report = { model, data, backend, search, callSites, ...explanation };
        console.log(JSON.stringify(report, null, 2));
        return 0;
      }
      console.log(`model ${manifest.id} ${manifest.version} on ${resolve(dataPath)} (${backend})`);
      for (const line of formatDatasetExplanation(explanation, top)) console.log(line);
      return 0;
    }

    const [path, ...extra] = args.positionals;
    if (path === undefined || extra.length > 0) {
      throw new UsageError(
        'explain takes exactly one diff file (or - for standard input), or --data FILE.',
      );
    }
    if (args.values.limit !== undefined) {
      throw new UsageError('--limit applies only with --data FILE.');
    }
    const { patch } = readPatch(path, args.values.lenient === true);
    const options = searchOptions(args, false);
    const { scorer, backend } = await loadModel(modelDir);
    const explanation = await explainDiff(scorer, patch, options);
    const { manifest, bundleHash } = scorer;
    scorer.dispose();

    if (json) {
      const model = { id: manifest.id, version: manifest.version, bundleHash };
      console.log(JSON.stringify({ model, backend, ...explanation }, null, 2));
      return 0;
    }
    const bundle = bundleHash.slice(0, 12);
    console.log(`model ${manifest.id} ${manifest.version} (bundle ${bundle}, ${backend})`);
    for (const line of formatExplanation(patch, explanation, top)) console.log(line);
    return 0;
  },
};
