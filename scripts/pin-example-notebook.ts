/**
 * Re-pins the model bundles of a shipped notebook: sets `model.bundleHash` of every diff cell to
 * the sha256 of the installed `models/<id>/manifest.json`. Run it after retraining a shipped
 * model, otherwise the workbench warns on open that the notebook names another bundle.
 * Usage: npx tsx scripts/pin-example-notebook.ts [NOTEBOOK] (default: the example notebook)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseNotebook, serializeNotebook } from '../src/core/notebook/index.ts';
import { writeFileAtomic } from '../src/host/atomicWrite.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Returns the sha256 of a shipped bundle's manifest, or null when the model is not installed. */
function installedBundleHash(projectRoot: string, modelId: string): string | null {
  const manifest = join(projectRoot, 'models', modelId, 'manifest.json');
  if (!existsSync(manifest)) return null;
  return createHash('sha256').update(readFileSync(manifest)).digest('hex');
}

const defaultPath = join(PROJECT_ROOT, 'notebooks', 'example.perflens.json');
const notebookPath = resolve(process.argv[2] ?? defaultPath);
const notebook = parseNotebook(readFileSync(notebookPath, 'utf8'));

for (const cell of notebook.cells) {
  if (cell.type !== 'diff') continue;

  const hash = installedBundleHash(PROJECT_ROOT, cell.model.id);
  if (hash === null) {
    console.error(`Model '${cell.model.id}' of cell ${cell.id} is not installed; left as is.`);
    continue;
  }
  cell.model.bundleHash = hash;
}

await writeFileAtomic(notebookPath, serializeNotebook(notebook));
console.log(`Pinned the diff cells of ${notebookPath} to the installed bundles.`);
