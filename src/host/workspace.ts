/** The workspace folder: the user's notebooks and the recent-files list. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Environment variable that sets the workspace folder when `--workspace` is not given. */
export const WORKSPACE_ENV = 'PERFLENS_WORKSPACE';

/**
 * Returns the absolute workspace folder: the `--workspace` value when given, else
 * PERFLENS_WORKSPACE, else `~/PerfLens`. The folder is created on the first save, not here.
 */
export function resolveWorkspaceDir(
  flagValue: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const chosen = flagValue ?? env[WORKSPACE_ENV];
  if (chosen !== undefined && chosen !== '') return resolve(chosen);
  return join(homedir(), 'PerfLens');
}
