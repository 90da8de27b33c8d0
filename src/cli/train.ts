/** `perflens train FAMILY --out DIR`: trains a model family and writes its bundle. */
import { resolve } from 'node:path';

import { DATASET_MISSING_MESSAGE, findDatasetDir } from '../node/dataset.ts';
import { setupTfjsBackend } from '../node/tfBackend.ts';
import { trainBow } from '../train/bow.ts';
import { trainOpaque } from '../train/opaque.ts';
import { trainSizeBaseline } from '../train/sizeBaseline.ts';
import { trainSuperPerforator } from '../train/superperforator.ts';
import { defaultCheckpointDir, trainTransformer } from '../train/transformer.ts';
import type { FinishedBundle } from '../train/bundleRun.ts';
import type { CliCommand } from './command.ts';
import { integerOption, UsageError } from './command.ts';

export interface TrainerOptions {
  outDir: string;
  seed: number;
  /** Epochs, or undefined for the family's default. */
  epochs: number | undefined;
  /** The command line, recorded in the manifest and card. */
  command: string;
}

export type Trainer = (options: TrainerOptions) => Promise<FinishedBundle>;

/** Trainers by family; a new family adds one line. */
export const TRAINERS: Record<string, Trainer> = {
  bow: (options) => trainBow({ ...options, epochs: options.epochs ?? 40, batchSize: 64 }),
  opaque: (options) => trainOpaque({ ...options, epochs: options.epochs ?? 15 }),
  'size-baseline': (options) => trainSizeBaseline(options),
  transformer: (options) =>
    trainTransformer({
      ...options,
      checkpointDir: defaultCheckpointDir('transformer', options.seed),
    }),
  superperforator: (options) =>
    trainSuperPerforator({
      ...options,
      checkpointDir: defaultCheckpointDir('superperforator', options.seed),
    }),
};

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model family on the perf-commits-v1 train split and write its bundle.',
  usage: 'train FAMILY --out DIR [--seed N] [--epochs N]',
  details:
    `FAMILY is one of: ${Object.keys(TRAINERS).join(', ')}. The val split chooses the model\n` +
    'and threshold. Progress goes to standard error; the val metrics go to standard output.',
  options: {
    out: { type: 'string', valueName: 'DIR', description: 'Bundle folder to write.' },
    seed: { type: 'string', valueName: 'N', description: 'Random seed (default: 42).' },
    epochs: {
      type: 'string',
      valueName: 'N',
      description: 'Maximum training epochs (default: the family default).',
    },
  },

  async run(args) {
    const [family, ...extra] = args.positionals;
    const trainer = family === undefined ? undefined : TRAINERS[family];
    if (trainer === undefined || extra.length > 0) {
      throw new UsageError(
        `train takes one family, one of: ${Object.keys(TRAINERS).join(', ')}; ` +
          `got ${JSON.stringify(args.positionals)}.`,
      );
    }
    const out = args.values.out;
    if (typeof out !== 'string' || out === '') {
      throw new UsageError('train needs --out DIR, the bundle folder to write.');
    }
    if (findDatasetDir() === null) throw new UsageError(DATASET_MISSING_MESSAGE);

    const backend = await setupTfjsBackend();
    console.error(`perflens train ${family}: backend ${backend}, writing ${resolve(out)}`);
    const seed = integerOption(args, 'seed', 42);
    const epochs = args.values.epochs === undefined ? undefined : integerOption(args, 'epochs', 0);
    const command = ['perflens', 'train', family, '--out', out, '--seed', String(seed)]
      .concat(epochs === undefined ? [] : ['--epochs', String(epochs)])
      .join(' ');

    const { manifest, report } = await trainer({ outDir: out, seed, epochs, command });
    console.log(
      `wrote ${resolve(out)}: ${manifest.id} ${manifest.version}, val PR-AUC ` +
        `${report.prAuc.toFixed(4)}, ROC-AUC ${report.rocAuc.toFixed(4)}, F1 ` +
        `${report.f1.toFixed(4)} at threshold ${manifest.threshold.toFixed(4)}`,
    );
    return 0;
  },
};
