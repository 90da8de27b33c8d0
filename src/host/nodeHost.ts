/**
 * HostApi on Node: model bundles under `models/`, notebooks in the project's `notebooks/` folder
 * and the user's workspace, and the recent-files list. Electron IPC and the browser-mode server
 * both call this one implementation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

import { NewerNotebookVersionError, parseNotebook } from '../core/notebook/index.ts';
import { HostError, type HostApi, type HostInfo, type NotebookFileInfo } from './api.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { listModelBundles, readBundleFile } from './modelBundles.ts';
import {
  NOTEBOOK_EXTENSION,
  describeNotebookFile,
  listNotebookFiles,
  resolveNotebookPath,
  type NotebookRoot,
} from './notebookFiles.ts';
import { RecentFiles } from './recentFiles.ts';
import { discardRecoveryFile, readRecoveryFile, writeRecoveryFile } from './recoveryFile.ts';

/** Largest notebook text accepted for saving, in bytes of UTF-8. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

export const EXAMPLE_NOTEBOOK = join('notebooks', 'example.perflens.json');

export interface NodeHostOptions {
  /** Folder of package.json, `models/` and `notebooks/`. */
  projectRoot: string;
  /** The user's notebook folder, see resolveWorkspaceDir. */
  workspaceDir: string;
  mode: HostInfo['mode'];
  /** Notebook opened at start; defaults to the example notebook when it exists. */
  startNotebookPath?: string | null;
  /** Model selected when no notebook names one; defaults to `bow`. */
  defaultModelId?: string;
  /** Receives problems the host recovers from, such as an unreadable recent-files list. */
  onWarning?: (message: string) => void;
}

export interface NodeHost extends HostApi {
  /** Folders that notebooks are read from and written to. */
  readonly roots: NotebookRoot[];
}

/** Creates the Node host. Relative notebook paths are resolved against the project root. */
export function createNodeHost(options: NodeHostOptions): NodeHost {
  const projectRoot = resolve(options.projectRoot);
  const workspaceDir = resolve(options.workspaceDir);
  const modelsDir = join(projectRoot, 'models');
  const onWarning = options.onWarning ?? (() => undefined);
  const recent = new RecentFiles(workspaceDir, onWarning);
  const roots: NotebookRoot[] = [
    { dir: join(projectRoot, 'notebooks'), label: 'project notebooks' },
    { dir: workspaceDir, label: 'workspace' },
  ];

  const info: HostInfo = {
    mode: options.mode,
    version: readPackageVersion(projectRoot),
    defaultModelId: options.defaultModelId ?? 'bow',
    startNotebookPath: defaultStartNotebook(projectRoot, options.startNotebookPath),
    workspaceDir,
  };

  const remember = async (path: string): Promise<void> => {
    try {
      await recent.add(path);
    } catch (error) {
      onWarning(`Could not update the recent-files list in ${workspaceDir}: ${errorText(error)}`);
    }
  };

  return {
    roots,

    info: async () => ({ ...info }),

    listModels: () => listModelBundles(modelsDir),

    readModelFile: (modelId, fileName) =>
      withIoErrors(`read model file ${modelId}/${fileName}`, () =>
        readBundleFile(modelsDir, modelId, fileName),
      ),

    listNotebooks: () => withIoErrors('list notebooks', () => listNotebookFiles(roots)),

    listRecentNotebooks: () => withIoErrors('list recent notebooks', async () => {
      const files: NotebookFileInfo[] = [];
      for (const path of await recent.read()) {
        const file = await describeIfAllowed(path, roots, projectRoot);
        if (file !== null) files.push(file);
      }
      return files;
    }),

    readNotebook: (input) =>
      withIoErrors(`read notebook ${input}`, async () => {
        const path = await resolveNotebookPath(input, roots, projectRoot, 'read');
        const text = await readFile(path, 'utf8');
        await remember(path);
        return text;
      }),

    writeNotebook: (input, text) =>
      withIoErrors(`write notebook ${input}`, async () => {
        checkNotebookText(text);

        const lexicalPath = resolve(projectRoot, input);
        if (lexicalPath.endsWith(NOTEBOOK_EXTENSION) && dirname(lexicalPath) === workspaceDir) {
          await mkdir(workspaceDir, { recursive: true });
        }

        const path = await resolveNotebookPath(input, roots, projectRoot, 'write');
        await writeFileAtomic(path, text);
        await remember(path);
        return describeNotebookFile(path);
      }),

    writeRecovery: (text) =>
      withIoErrors('write the recovery file', () =>
        writeRecoveryFile(workspaceDir, text, MAX_NOTEBOOK_BYTES),
      ),
    readRecovery: () =>
      withIoErrors('read the recovery file', () => readRecoveryFile(workspaceDir)),
    discardRecovery: () =>
      withIoErrors('remove the recovery file', () => discardRecoveryFile(workspaceDir)),
  };
}

/** Rejects text that PerfLens could not reopen, so a renderer bug cannot damage a file. */
function checkNotebookText(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_NOTEBOOK_BYTES) {
    throw new HostError(
      `Notebook is ${bytes} bytes, above the limit of ${MAX_NOTEBOOK_BYTES} bytes. ` +
        'Remove large diffs or split the notebook.',
      'invalid',
    );
  }

  try {
    parseNotebook(text);
  } catch (error) {
    const prefix =
      error instanceof NewerNotebookVersionError ? 'Cannot save a newer notebook: ' : '';
    throw new HostError(`${prefix}${errorText(error)}`, 'invalid');
  }
}

async function describeIfAllowed(
  path: string,
  roots: NotebookRoot[],
  projectRoot: string,
): Promise<NotebookFileInfo | null> {
  try {
    return await describeNotebookFile(await resolveNotebookPath(path, roots, projectRoot, 'read'));
  } catch (error) {
    if (error instanceof HostError) return null;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Runs a file operation, turning Node file-system errors into HostError with the action. */
async function withIoErrors<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof HostError) throw error;

    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HostError(`Failed to ${action}: file not found.`, 'not-found');
    if (code === 'EACCES' || code === 'EPERM') {
      throw new HostError(`Failed to ${action}: permission denied.`, 'forbidden');
    }
    if (code === 'EISDIR') throw new HostError(`Failed to ${action}: it is a folder.`, 'invalid');
    throw new HostError(`Failed to ${action}: ${errorText(error)}`, 'io');
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function readPackageVersion(projectRoot: string): string {
  const text = readFileSync(join(projectRoot, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function defaultStartNotebook(
  projectRoot: string,
  requested: string | null | undefined,
): string | null {
  if (requested !== undefined) return requested === null ? null : resolve(projectRoot, requested);

  const example = join(projectRoot, EXAMPLE_NOTEBOOK);
  return existsSync(example) ? example : null;
}
