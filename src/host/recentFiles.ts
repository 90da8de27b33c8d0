/** The recent-files list, kept as `recent.json` in the workspace folder. */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { writeFileAtomic } from './atomicWrite.ts';

export const RECENT_FILE = 'recent.json';

/** Entries kept; older ones drop off the end. */
export const MAX_RECENT = 20;

interface RecentFileContent {
  version: 1;
  /** Absolute notebook paths, most recent first. */
  paths: string[];
}

/**
 * Reads and updates the recent list. Updates are queued so that two saves at once cannot lose an
 * entry. An unreadable list is reported through `onWarning` and replaced by an empty one.
 */
export class RecentFiles {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly workspaceDir: string,
    private readonly onWarning: (message: string) => void,
  ) {}

  /** Returns the stored paths, most recent first. */
  async read(): Promise<string[]> {
    const path = join(this.workspaceDir, RECENT_FILE);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }

    try {
      const parsed = JSON.parse(text) as Partial<RecentFileContent>;
      const paths = Array.isArray(parsed.paths) ? parsed.paths : [];
      return paths.filter((item): item is string => typeof item === 'string');
    } catch (error) {
      this.onWarning(
        `Ignoring unreadable recent-files list ${path}: ${(error as Error).message}. ` +
          'It is rewritten on the next open or save.',
      );
      return [];
    }
  }

  /** Moves `notebookPath` to the front of the list, creating the workspace folder if needed. */
  async add(notebookPath: string): Promise<void> {
    const update = this.queue.then(async () => {
      const paths = (await this.read()).filter((item) => item !== notebookPath);
      const content: RecentFileContent = {
        version: 1,
        paths: [notebookPath, ...paths].slice(0, MAX_RECENT),
      };

      await mkdir(this.workspaceDir, { recursive: true });
      await writeFileAtomic(
        join(this.workspaceDir, RECENT_FILE),
        `${JSON.stringify(content, null, 2)}\n`,
      );
    });

    this.queue = update.catch(() => undefined);
    return update;
  }
}
