/** `perflens score`: the probability, threshold and decision for one diff. */
import type { CliCommand } from './command.ts';
import { UsageError } from './command.ts';
import { DEFAULT_MODEL_DIR, loadModel, readPatch } from './load.ts';

export const scoreCommand: CliCommand = {
  name: 'score',
  summary: 'Score one diff: the probability that it introduces a performance regression.',
  usage: 'score FILE|- [--model DIR] [--json] [--lenient]',
  details:
    'FILE is a unified diff as `git diff` or `git format-patch` writes it; - reads standard\n' +
    'input. The diff is flagged when its probability is at or above the model threshold.',
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
  },

  async run(args) {
    const [path, ...extra] = args.positionals;
    if (path === undefined || extra.length > 0) {
      throw new UsageError('score takes exactly one diff file (or - for standard input).');
    }
    const { patch } = readPatch(path, args.values.lenient === true);
    const modelDir = (args.values.model as string | undefined) ?? DEFAULT_MODEL_DIR;
    const { scorer, backend } = await loadModel(modelDir);

    const result = await scorer.score(patch);
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
    console.log(`model        ${manifest.id} ${manifest.version} (bundle ${bundleHash.slice(0, 12)})`);
    return 0;
  },
};
