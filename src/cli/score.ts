/** `perflens score`: the probability, threshold and decision for one diff. */
import { TENURE_BUCKETS } from '../core/features/opaque.ts';
import type { ChangeMetadata } from '../core/model/types.ts';
import type { CliCommand } from './command.ts';
import { integerOption, UsageError } from './command.ts';
import { DEFAULT_MODEL_DIR, loadModel, readPatch } from './load.ts';

export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'Score one diff: the probability that it introduces a performance regression.',
  usage: 'score FILE|- [options]',
  details:
    'FILE is a unified diff as `git diff` or `git format-patch` writes it; - reads standard\n' +
    'input. The diff is flagged when its probability is at or above the model threshold.\n' +
    'Metadata options left out fall back to the most common training value.',
  options: {
    model: {
      type: 'string',
      valueName: 'DIR',
      description: 'Model bundle folder (default: models/bow).',
    },
    json: { type: 'boolean', description: 'Print one JSON object instead of text.' },
    lenient: {
      type: 'boolean',
      description: 'Accept hunks whose line counts do not match their headers.',
    },
    'author-tenure': {
      type: 'string',
      valueName: 'BUCKET',
      description: "Bucket of the author's earlier commits, such as 21-100 (opaque only).",
    },
    'test-files-changed': {
      type: 'string',
      valueName: 'N',
      description: 'Test files changed in the same commit (opaque only).',
    },
  },

  async run(args) {
    const [path, ...extra] = args.positionals;
    if (path === undefined || extra.length > 0) {
      throw new UsageError('score takes exactly one diff file (or - for standard input).');
    }
    const { patch } = readPatch(path, args.values.lenient === true);
    const modelDir = (args.values.model as string | undefined) ?? DEFAULT_MODEL_DIR;
    const { scorer, backend } = await loadModel(modelDir);

    const tenure = args.values['author-tenure'];
    if (typeof tenure === 'string' && !TENURE_BUCKETS.includes(tenure)) {
      throw new UsageError(
        `--author-tenure ${JSON.stringify(tenure)} is not a bucket; use one of ` +
          `${TENURE_BUCKETS.join(', ')}.`,
      );
    }
    const metadata: ChangeMetadata = {
      authorTenure: typeof tenure === 'string' ? tenure : null,
      testFilesChanged:
        args.values['test-files-changed'] === undefined
          ? null
          : integerOption(args, 'test-files-changed', 0),
    };
    const result = await scorer.score(patch, metadata);
    const { manifest, bundleHash } = scorer;
    scorer.dispose();

    if (args.values.json === true) {
      const model = { id: manifest.id, version: manifest.version, bundleHash };
      console.log(JSON.stringify({ ...result, model, backend }));
      return 0;
    }

    const decision = result.flagged
      ? 'flagged (probability >= threshold)'
      : 'not flagged (probability < threshold)';
    console.log(`probability  ${result.probability.toFixed(4)}`);
    console.log(`threshold    ${result.threshold.toFixed(4)}`);
    console.log(`decision     ${decision}`);
    const bundle = bundleHash.slice(0, 12);
    console.log(`model        ${manifest.id} ${manifest.version} (bundle ${bundle})`);
    return 0;
  },
};
