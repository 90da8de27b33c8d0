/** Atomic file replacement: a process killed mid-save leaves the previous file intact. */
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Suffix of temporary files; a save killed before its rename leaves one behind. */
export const TEMP_FILE_SUFFIX = '.perflens-tmp';

/**
 * Replaces `path` with `data` atomically: writes a temporary file in the same folder, flushes
 * it to disk (fsync), renames it over `path`, then flushes the folder so the rename itself
 * survives a power loss. Readers see either the old file or the new one, never a partial file.
 * Keeps the permission bits of an existing file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}${TEMP_FILE_SUFFIX}`;
  const tempPath = join(folder, `.${basename(path)}.${suffix}`);
  const mode = await existingMode(path);

  try {
    const handle = await open(tempPath, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, path);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }

  await syncFolder(folder);
}

async function existingMode(path: string): Promise<number> {
  try {
    return (await stat(path)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0o644;
    throw error;
  }
}

/** Flushes a folder entry to disk; Windows cannot open folders for this, so it is skipped there. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;

  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
