#!/usr/bin/env node
/**
 * The `perflens` command: runs src/cli/main.ts under tsx (`node --import tsx`), passing the
 * arguments, the exit code and stop signals through.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// Resolve tsx from this file, so the command works from any working folder.
const tsxLoader = import.meta.resolve('tsx');
const cliMain = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

const child = spawn(process.execPath, ['--import', tsxLoader, cliMain, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}

// A child ended by a signal exits with 128 + the signal number, as shells report it.
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (signal === null ? 0 : constants.signals[signal]);
});
