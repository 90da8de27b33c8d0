/** Runs the `perflens` command line as a child process for the CLI tests. */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';

import { PROJECT_ROOT } from '../../src/node/dataset.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI_ARGS = ['--import', 'tsx', join(PROJECT_ROOT, 'src', 'cli', 'main.ts')];

/** Runs `perflens ARGS` from the project root and collects its output. */
export function perflens(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI_ARGS, ...args],
      { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // execFile reports a non-zero exit as an error whose code is the exit code.
        let code = 0;
        if (error !== null) code = typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs `perflens ARGS` with its stdout closed by the reader right away, as `| head -1` does
 * once it has its line. Returns the exit code and stderr.
 */
export function perflensWithClosedStdout(args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI_ARGS, ...args], { cwd: PROJECT_ROOT });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: '', stderr }));
  });
}
