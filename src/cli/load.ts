/** Input loading shared by the commands: diff files, model bundles and dataset rows. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { parsePatch } from '../core/diff/parse.ts';
import type { Patch } from '../core/diff/types.ts';
import { BundleError } from '../core/model/manifest.ts';
import { loadScorer } from '../core/model/scorer.ts';
import type { Scorer } from '../core/model/types.ts';
import { readBundleDir } from '../node/bundleFiles.ts';
import { PROJECT_ROOT } from '../node/dataset.ts';
import { setupTfjsBackend } from '../node/tfBackend.ts';
import { UsageError } from './command.ts';

/** Folder of the model that `score` uses without --model. */
export const DEFAULT_MODEL_DIR = join(PROJECT_ROOT, 'models', 'bow');

/** Reads a diff from a file, or from standard input for `-`, and parses it strictly. */
export function readPatch(path: string, lenient: boolean): { text: string; patch: Patch } {
  let text: string;
  if (path === '-') {
    text = readFileSync(0, 'utf8');
  } else {
    if (!existsSync(path)) {
      throw new UsageError(
        `Diff file not found: ${resolve(path)}. Pass a file path or - for stdin.`,
      );
    }
    text = readFileSync(path, 'utf8');
  }

  const source = path === '-' ? 'standard input' : path;
  try {
    return { text, patch: parsePatch(text, { lenient }) };
  } catch (error) {
    // The diff core serves the workbench too, so only here is lenient mode the --lenient option.
    const message = (error as Error).message.replaceAll('lenient mode', 'the --lenient option');
    throw new UsageError(`${source}: ${message}`);
  }
}

/**
 * Sets up the tfjs backend and loads the bundle in `dir`. Bundle errors raise UsageError, with
 * the bundle's folder in the message.
 */
export async function loadModel(dir: string): Promise<{ scorer: Scorer; backend: string }> {
  const backend = await setupTfjsBackend();
  try {
    const scorer = await loadScorer(await readBundleDir(dir));
    return { scorer, backend };
  } catch (error) {
    const located =
      error instanceof BundleError && error.folder === undefined
        ? error.inFolder(resolve(dir))
        : error;
    throw new UsageError((located as Error).message);
  }
}
