/**
 * The autosave recovery file: the renderer writes the unsaved notebook here every few seconds,
 * so that a crash loses at most that much work. It lives in the workspace folder as
 * `.recovery/autosave.json` and is removed after a successful save or when the user discards it.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { HostError } from './api.ts';
import { writeFileAtomic } from './atomicWrite.ts';

export const RECOVERY_DIR = '.recovery';
export const RECOVERY_FILE = 'autosave.json';

/** Returns the path of the recovery file of a workspace. */
export function recoveryPath(workspaceDir: string): string {
  return join(workspaceDir, RECOVERY_DIR, RECOVERY_FILE);
}

/**
 * Writes recovery text atomically, so a crash during autosave leaves the previous recovery
 * file intact. Raises HostError when the text is above `maxBytes` or is not JSON.
 */
export async function writeRecoveryFile(
  workspaceDir: string,
  text: string,
  maxBytes: number,
): Promise<void> {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new HostError(
      `Recovery text is ${bytes} bytes, above the limit of ${maxBytes} bytes; save the ` +
        'notebook instead.',
      'invalid',
    );
  }
  try {
    JSON.parse(text);
  } catch (error) {
    throw new HostError(`Recovery text is not valid JSON: ${(error as Error).message}.`, 'invalid');
  }

  await mkdir(join(workspaceDir, RECOVERY_DIR), { recursive: true });
  await writeFileAtomic(recoveryPath(workspaceDir), text);
}

/** Returns the recovery text, or null when there is none. */
export async function readRecoveryFile(workspaceDir: string): Promise<string | null> {
  try {
    return await readFile(recoveryPath(workspaceDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Removes the recovery file; a missing file is not an error. */
export async function discardRecoveryFile(workspaceDir: string): Promise<void> {
  await rm(recoveryPath(workspaceDir), { force: true });
}
