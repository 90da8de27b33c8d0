/**
 * Notebook paths on disk: which files the host may read and write (`*.perflens.json` inside an
 * allowed root, symbolic links resolved) and listing them.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import { HostError, type NotebookFileInfo } from './api.ts';

export const NOTEBOOK_EXTENSION = '.perflens.json';

/** Folder depth below each root that listing descends to; the root itself is depth 0. */
const MAX_LIST_DEPTH = 3;
/** Files listed per root at most, so a mistaken root such as a home folder stays fast. */
const MAX_LIST_FILES = 2000;

export interface NotebookRoot {
  /** Absolute folder. */
  dir: string;
  /** Short name for messages, such as "project notebooks" or "workspace". */
  label: string;
}

/** Returns whether `child` is `parent` or inside it; both must be absolute and normalized. */
export function isInside(parent: string, child: string): boolean {
  const path = relative(parent, child);
  return path === '' || (!path.startsWith(`..${sep}`) && path !== '..' && !isAbsolute(path));
}

function describeRoots(roots: NotebookRoot[]): string {
  return roots.map((root) => `${root.dir} (${root.label})`).join(' or ');
}

/**
 * Resolves a notebook path for reading or writing and checks it: the name ends with
 * `.perflens.json` and the file, after resolving symbolic links, is inside one of `roots`.
 * A relative path is resolved against `baseDir`. For writing, the file may be missing but its
 * folder must resolve inside a root. Returns the absolute path; raises HostError otherwise.
 */
export async function resolveNotebookPath(
  input: string,
  roots: NotebookRoot[],
  baseDir: string,
  access: 'read' | 'write',
): Promise<string> {
  if (input === '' || input.includes('\0')) {
    throw new HostError(`Invalid notebook path ${JSON.stringify(input)}.`, 'invalid');
  }

  const path = resolve(baseDir, input);
  if (!path.endsWith(NOTEBOOK_EXTENSION) || basename(path) === NOTEBOOK_EXTENSION) {
    throw new HostError(
      `Notebook files must be named NAME${NOTEBOOK_EXTENSION}, found ${basename(path)}. ` +
        `Save the notebook under a name ending in ${NOTEBOOK_EXTENSION}.`,
      'invalid',
    );
  }

  const outside = (): HostError =>
    new HostError(
      `Notebook path ${path} is outside the notebook folders. Open or save notebooks in ` +
        `${describeRoots(roots)}, or start PerfLens with --workspace FOLDER.`,
      'forbidden',
    );

  const root = roots.find((candidate) => isInside(candidate.dir, path));
  if (root === undefined) throw outside();

  const realRoot = await realpathOrNull(root.dir);
  const realTarget =
    access === 'read' ? await realpathOrNull(path) : await realpathOrNull(dirname(path));
  if (realTarget === null) {
    const missing = access === 'read' ? `Notebook ${path}` : `Folder ${dirname(path)}`;
    throw new HostError(`${missing} does not exist.`, 'not-found');
  }
  if (realRoot === null || !isInside(realRoot, realTarget)) throw outside();

  return path;
}

async function realpathOrNull(path: string): Promise<string | null> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Returns the name, absolute path and modification time of one notebook file. */
export async function describeNotebookFile(path: string): Promise<NotebookFileInfo> {
  const info = await stat(path);
  return { path, name: basename(path), modifiedMs: info.mtimeMs };
}

/**
 * Lists `*.perflens.json` files under each existing root, newest first. Skips hidden entries,
 * node_modules and symbolic links, and descends at most MAX_LIST_DEPTH folders.
 */
export async function listNotebookFiles(roots: NotebookRoot[]): Promise<NotebookFileInfo[]> {
  const files: NotebookFileInfo[] = [];
  const seen = new Set<string>();

  for (const root of roots) {
    const paths: string[] = [];
    await collectNotebookPaths(root.dir, 0, paths);

    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      files.push(await describeNotebookFile(path));
    }
  }

  return files.sort((a, b) => b.modifiedMs - a.modifiedMs || a.path.localeCompare(b.path));
}

async function collectNotebookPaths(dir: string, depth: number, paths: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }

  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (paths.length >= MAX_LIST_FILES) return;
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;

    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith(NOTEBOOK_EXTENSION)) {
      paths.push(path);
    } else if (entry.isDirectory() && depth < MAX_LIST_DEPTH) {
      await collectNotebookPaths(path, depth + 1, paths);
    }
  }
}
