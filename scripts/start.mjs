/**
 * `npm start`: builds the renderer when dist/renderer is missing or older than its sources.
 * Then it opens the Electron window when node_modules/electron has its binary. Otherwise it runs
 * browser mode: the 127.0.0.1 server, plus a Chromium app window when Debian Chromium and a
 * display exist. Ctrl+C stops everything this script started.
 *
 * Options: --browser (skip Electron), --no-build, --no-open (print the URL only),
 * --port N, --workspace DIR.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { buildElectron } from './build-electron.mjs';
import { findStaleSource } from './renderer-freshness.mjs';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_INDEX = join(PROJECT_ROOT, 'dist', 'renderer', 'index.html');
const CHROMIUM_PATH = '/usr/bin/chromium';
const URL_LINE_PREFIX = 'PerfLens browser mode: ';

/** Child processes to stop on exit, by pid. */
const children = new Set();
const cleanups = [];

function say(message) {
  console.log(`perflens start: ${message}`);
}

function fail(message) {
  console.error(`perflens start: ${message}`);
  process.exit(1);
}

function startChild(command, args, options = {}) {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, ...options });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

let stopping = null;

/** Stops every child this script started (SIGTERM by pid), removes temporary folders, exits. */
function stopAll(exitCode) {
  stopping ??= stopChildren().then(() => process.exit(exitCode));
  return stopping;
}

async function stopChildren() {
  const exits = [...children].map(
    (child) => new Promise((resolveExit) => child.once('exit', resolveExit)),
  );
  for (const child of children) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((done) => setTimeout(done, 5000))]);

  for (const cleanup of cleanups) cleanup();
}

function waitForExit(child) {
  return new Promise((resolveExit) => {
    child.once('exit', (code) => resolveExit(code ?? 1));
  });
}

async function buildRendererIfStale() {
  const reason = existsSync(RENDERER_INDEX)
    ? findStaleSource(PROJECT_ROOT, RENDERER_INDEX)
    : 'dist/renderer is missing';
  if (reason === null) return;

  say(`building the renderer (${reason})...`);
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = startChild(process.execPath, [vite, 'build'], { stdio: 'inherit' });
  const code = await waitForExit(build);
  if (code !== 0) fail(`the renderer build failed (exit code ${code}); see the output above.`);
}

/** Returns the Electron binary when node_modules/electron has one, else null. */
function findElectronBinary() {
  const packageDir = join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;

  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Reads the Chromium flags kept beside this script, one per line. */
function readChromiumFlags() {
  const lines = readFileSync(join(PROJECT_ROOT, 'scripts', 'chromium-flags.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  // Chromium refuses to start as root unless its sandbox is off; for other users keep it on.
  const isRoot = process.getuid?.() === 0;
  return isRoot ? lines : lines.filter((flag) => flag !== '--no-sandbox');
}

function hasDisplay() {
  if (process.platform !== 'linux') return false;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function runElectron(binary, options) {
  say('building the Electron main process...');
  await buildElectron();

  const args = [PROJECT_ROOT];
  if (options.workspace !== undefined) args.push(`--workspace=${resolve(options.workspace)}`);
  say(`starting Electron (${binary}).`);
  const code = await waitForExit(startChild(binary, args, { stdio: 'inherit' }));
  await stopAll(code);
}

/** Starts `perflens serve` and resolves with the page URL that it prints. */
function startServer(options) {
  const cli = join(PROJECT_ROOT, 'bin', 'perflens.js');
  const args = [cli, 'serve', '--port', options.port];
  if (options.workspace !== undefined) args.push('--workspace', resolve(options.workspace));
  const server = startChild(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });

  return new Promise((resolveUrl, reject) => {
    server.once('exit', (code) => reject(new Error(`perflens serve exited with code ${code}`)));
    createInterface({ input: server.stdout }).on('line', (line) => {
      if (line.startsWith(URL_LINE_PREFIX)) resolveUrl(line.slice(URL_LINE_PREFIX.length));
    });
  });
}

async function runBrowserMode(options) {
  let url;
  try {
    url = await startServer(options);
  } catch (error) {
    fail(`${error.message}; see the log above.`);
  }
  say(`browser mode at ${url} (Electron is not installed: node_modules/electron has no binary).`);

  if (options.open && existsSync(CHROMIUM_PATH) && hasDisplay()) {
    const profile = mkdtempSync(join(tmpdir(), 'perflens-chromium-'));
    cleanups.push(() => rmSync(profile, { recursive: true, force: true }));

    const args = [...readChromiumFlags(), `--user-data-dir=${profile}`, `--app=${url}`];
    const chromium = startChild(CHROMIUM_PATH, args, { stdio: 'ignore' });
    say('opened a Chromium window; close it or press Ctrl+C to stop.');
    await waitForExit(chromium);
    if (stopping === null) say('the Chromium window closed; stopping.');
    await stopAll(0);
    return;
  }

  say(`open ${url} in a browser on this machine; press Ctrl+C to stop.`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      browser: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-open': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      workspace: { type: 'string' },
    },
    strict: true,
  });
  const options = { port: values.port, workspace: values.workspace, open: !values['no-open'] };

  // `on`, not `once`: Ctrl+C in a terminal can deliver SIGINT more than once.
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  if (!values['no-build']) await buildRendererIfStale();

  const electron = values.browser ? null : findElectronBinary();
  if (electron !== null) {
    await runElectron(electron, options);
    return;
  }
  await runBrowserMode(options);
}

main().catch((error) => fail(error.stack ?? String(error)));
