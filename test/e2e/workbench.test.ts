/**
 * The workbench end to end in Debian's Chromium. The test starts the real browser-mode server on
 * a random port with a renderer built from the current sources, and drives it with the shipped
 * BoW bundle and a real val diff.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../src/core/diff/index.ts';
import { parseNotebook } from '../../src/core/notebook/index.ts';
import {
  DATASET_MISSING_MESSAGE,
  findDatasetDir,
  PROJECT_ROOT,
  readSplit,
  type DatasetRow,
} from '../../src/node/dataset.ts';
import { firstDiffCell } from '../../renderer/notebook/diffCell.ts';
import { sha256Hex } from '../../renderer/workers/sha256.ts';
import { goTo, pasteNewDiff } from './harness.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS_FILE = join(PROJECT_ROOT, 'scripts', 'chromium-flags.txt');
const BOW_MANIFEST = join(PROJECT_ROOT, 'models', 'bow', 'manifest.json');
const URL_LINE_PREFIX = 'PerfLens browser mode: ';
const DOCS_SCREENSHOT = join(PROJECT_ROOT, 'docs', 'workbench.png');

/** Text typed at the end of an added line, as a researcher trying a counterfactual would. */
const TYPED_EDIT = ' const copy = JSON.parse(JSON.stringify(items)); copy.sort(byRank);';

const skipReasons = [
  findDatasetDir() === null ? DATASET_MISSING_MESSAGE : null,
  existsSync(BOW_MANIFEST) ? null : `${BOW_MANIFEST} is missing; run npm run train:bow.`,
  existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing; install Debian's chromium package.`,
].filter((reason): reason is string => reason !== null);
for (const reason of skipReasons) {
  console.warn(`Skipping the workbench end-to-end test: ${reason}`);
}

/**
 * Picks a real val diff that a person would paste: small, one to three files, with added lines,
 * parseable in strict mode, LF line endings (Monaco keeps one line ending per model) and no
 * truncation. The first match in id order keeps the choice stable across runs.
 */
function pickValDiff(): DatasetRow {
  const rows = readSplit('val').sort((a, b) => a.id.localeCompare(b.id));
  const row = rows.find((candidate) => {
    const { diff } = candidate;
    if (candidate.diff_truncated || diff.includes('\r')) {
      return false;
    }
    if (diff.length < 600 || diff.length > 4000) {
      return false;
    }
    if (candidate.files.length > 3 || !diff.split('\n').some(isAddedLine)) {
      return false;
    }
    try {
      parsePatch(diff);
      return true;
    } catch {
      return false;
    }
  });
  if (row === undefined) {
    throw new Error('No val diff of 600 to 4000 characters with added lines was found.');
  }
  return row;
}

function isAddedLine(line: string): boolean {
  return line.startsWith('+') && !line.startsWith('+++');
}

/** Starts `perflens serve` as a child process and resolves with its page URL. */
function startServer(workspace: string, rendererDir: string): Promise<{
  child: ChildProcess;
  url: string;
}> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0',
    '--workspace', workspace, '--renderer', rendererDir];
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: 'pipe' });

  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      reject(new Error(`perflens serve printed no URL within 60 s. Output: ${output}`));
    }, 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const line = output.split('\n').find((text) => text.startsWith(URL_LINE_PREFIX));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: line.slice(URL_LINE_PREFIX.length).trim() });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`perflens serve exited with code ${code}. Output: ${output}`));
    });
  });
}

interface PageState {
  diffText: string;
  probability: number | null;
  scoredHash: string | null;
  historyLength: number;
  notebookPath: string | null;
}

function readState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as {
      perflensDebug: { state: () => Record<string, any> };
    }).perflensDebug;
    const state = debug.state();
    return {
      diffText: state.diffText as string,
      probability: (state.currentScore?.probability ?? null) as number | null,
      scoredHash: (state.currentScore?.diffHash ?? null) as string | null,
      historyLength: state.scoreHistory.length as number,
      notebookPath: state.notebookPath as string | null,
    };
  });
}

/** Waits until the score on screen belongs to exactly `text`. */
async function waitForScoreOf(page: Page, text: string): Promise<PageState> {
  const hash = await sha256Hex(text);
  await page.waitForFunction((expected) => {
    const debug = (globalThis as unknown as {
      perflensDebug: { state: () => Record<string, any> };
    }).perflensDebug;
    const state = debug.state();
    return state.currentScore?.diffHash === expected && state.scorePending === false;
  }, hash, { timeout: 30_000 });
  return readState(page);
}

/** Moves the editor cursor to the end of a 1-based line. */
async function goToLineEnd(page: Page, line: number): Promise<void> {
  await goTo(page, line, 1);
  await page.keyboard.press('End');
}

describe.skipIf(skipReasons.length > 0)('workbench in Chromium', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'perflens-workbench-e2e-'));
  const rendererDir = join(scratch, 'renderer');
  const workspace = join(scratch, 'workspace');
  let server: { child: ChildProcess; url: string };
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await build({
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false },
    });
    mkdirSync(workspace);
    server = await startServer(workspace, rendererDir);

    const flags = readFileSync(FLAGS_FILE, 'utf8').split('\n').filter((flag) => flag !== '');
    context = await chromium.launchPersistentContext(join(scratch, 'chromium-profile'), {
      executablePath: CHROMIUM,
      args: [...flags, '--headless'],
      viewport: { width: 1440, height: 900 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(server.url).origin,
    });
    page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId('status-model').waitFor({ timeout: 60_000 });
  });

  afterAll(async () => {
    await context?.close();
    server?.child.kill('SIGTERM');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('scores, saves and reopens a val diff', async () => {
    const row = pickValDiff();
    await pasteNewDiff(page, row.diff);
    const pasted = await waitForScoreOf(page, row.diff);
    expect(pasted.diffText).toBe(row.diff);
    expect(pasted.probability).not.toBeNull();

    const addedLine = row.diff.split('\n').findIndex(isAddedLine) + 1;
    await goToLineEnd(page, addedLine);
    await page.keyboard.type(TYPED_EDIT);
    const lines = row.diff.split('\n');
    lines[addedLine - 1] += TYPED_EDIT;
    const editedText = lines.join('\n');
    const edited = await waitForScoreOf(page, editedText);
    expect(edited.diffText).toBe(editedText);
    expect(edited.probability).not.toBe(pasted.probability);
    await expect.poll(() => page.getByTestId('score-value').innerText())
      .toBe(edited.probability!.toFixed(4));
    await expect.poll(() => page.getByTestId('score-delta').innerText()).toMatch(/^[+-]\d/);
    expect(await page.getByTestId('status-backend').innerText()).toMatch(/webgl|wasm|cpu/);

    await page.keyboard.press('Control+s');
    await page.getByTestId('save-as-name').fill('e2e-workbench');
    await page.getByTestId('save-as-folder').fill(workspace);
    await page.getByTestId('save-as-accept').click();
    const savedPath = join(workspace, 'e2e-workbench.perflens.json');
    await expect.poll(() => page.getByTestId('status-save').getAttribute('data-dirty'))
      .toBe('false');
    const saved = parseNotebook(readFileSync(savedPath, 'utf8'));
    const savedCell = firstDiffCell(saved, savedPath);
    expect(savedCell.diff).toBe(editedText);
    expect(savedCell.originalDiff).toBe(row.diff);
    expect(savedCell.scores.at(-1)?.probability).toBe(edited.probability);

    await page.reload();
    await page.getByTestId('status-model').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+o');
    await page.getByTestId('open-filter').fill('e2e-workbench');
    await page.getByTestId('open-item').filter({ hasText: 'e2e-workbench' }).click();
    const reopened = await waitForScoreOf(page, editedText);
    expect(reopened.notebookPath).toBe(savedPath);
    expect(reopened.diffText).toBe(editedText);
    expect(reopened.probability).toBe(edited.probability);
    expect(reopened.historyLength).toBe(savedCell.scores.length);
    await expect.poll(() => page.getByTestId('score-value').innerText())
      .toBe(edited.probability!.toFixed(4));
    await expect.poll(() => page.getByTestId('score-recheck').innerText()).toMatch(/matches/);
  });

  it('marks the score stale on a parse error', async () => {
    const diff = readFileSync(join(PROJECT_ROOT, 'test/fixtures/workbench/hot-loop.diff'), 'utf8');
    await pasteNewDiff(page, diff);
    const scored = await waitForScoreOf(page, diff);

    await goTo(page, 7, 1);
    await page.keyboard.type('x');
    await expect.poll(() => page.getByTestId('score-stale').innerText())
      .toBe('stale: fix the diff at line 7');
    expect(await page.getByTestId('score-value').innerText()).toBe(scored.probability!.toFixed(4));
    expect(await page.getByTestId('status-parse').getAttribute('data-parse-status')).toBe('error');

    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('score-stale').count()).toBe(0);
  });

  // Headless Chromium on these GPU-less machines renders WebGL with SwiftShader.
  it('prefers wasm over software WebGL', async () => {
    const backend = page.getByTestId('status-backend');
    await expect.poll(() => backend.innerText()).toBe('⚙ wasm (WebGL is software-only)');

    await page.getByTestId('backend-select').selectOption('webgl');
    await expect.poll(() => backend.innerText(), { timeout: 60_000 }).toBe('⚙ webgl');
    await page.getByTestId('status-model').waitFor({ timeout: 60_000 });

    await page.getByTestId('backend-select').selectOption('auto');
    await expect.poll(() => backend.innerText(), { timeout: 60_000 })
      .toBe('⚙ wasm (WebGL is software-only)');
  });

  // Regenerates docs/workbench.png from a diff written for this project (never a dataset row).
  const updateScreenshot = process.env.PERFLENS_UPDATE_SCREENSHOT === '1';
  it.runIf(updateScreenshot)('updates the docs screenshot', async () => {
    const diff = readFileSync(join(PROJECT_ROOT, 'test/fixtures/workbench/hot-loop.diff'), 'utf8');
    await pasteNewDiff(page, diff);
    await waitForScoreOf(page, diff);

    const lines = diff.split('\n');
    const firstAdded = lines.findIndex(isAddedLine) + 1;
    await goToLineEnd(page, firstAdded);
    await page.keyboard.type(' // copied per item');
    await page.keyboard.press('Home');
    lines[firstAdded - 1] += ' // copied per item';
    await waitForScoreOf(page, lines.join('\n'));
    // The side-by-side view re-computes its diff in Monaco's editor worker after each edit.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: DOCS_SCREENSHOT });
    expect(existsSync(DOCS_SCREENSHOT)).toBe(true);
  });
});
