/**
 * Shared set-up for driving the workbench in Debian's Chromium. It builds the renderer from the
 * current sources and serves it with the browser-mode server on a random 127.0.0.1 port. It
 * launches Chromium headless with the project's flags and a fresh profile. It also has the page
 * steps that tests and benchmarks repeat: wait for the model, paste a diff, wait for a score.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';

import { createNodeHost } from '../../src/host/nodeHost.ts';
import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { sha256Hex } from '../../renderer/workers/sha256.ts';

export const CHROMIUM = '/usr/bin/chromium';
const FLAGS_FILE = join(PROJECT_ROOT, 'scripts', 'chromium-flags.txt');

/** Returns why Chromium cannot run here, or null when it can. */
export function chromiumMissingReason(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing; install Debian's chromium package.`;
}

/** Builds the renderer from the current sources into `outDir`, without source maps. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: join(PROJECT_ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, sourcemap: false },
  });
}

export interface WorkbenchSession {
  scratch: string;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  /** Closes Chromium and the server and deletes the scratch folder. */
  close(): Promise<void>;
}

export interface SessionOptions {
  /** Folder whose `models/` and `notebooks/` the host serves; default the project. */
  projectRoot?: string;
  defaultModelId?: string;
  /** Query string of the page URL, such as `?backend=wasm`. */
  query?: string;
  viewport?: { width: number; height: number };
  /** Prefix of the scratch folder under the system temp folder. */
  name: string;
  /** A renderer built earlier with buildRenderer; default: build one into the scratch folder. */
  rendererDir?: string;
}

/**
 * Builds the renderer unless one is given, starts the server (no start notebook, so the editor
 * opens empty) and opens the page in a fresh headless Chromium profile. Resolves once the
 * default model is loaded.
 */
export async function openWorkbench(options: SessionOptions): Promise<WorkbenchSession> {
  const scratch = mkdtempSync(join(tmpdir(), `${options.name}-`));
  let rendererDir = options.rendererDir;
  if (rendererDir === undefined) {
    rendererDir = join(scratch, 'renderer');
    await buildRenderer(rendererDir);
  }

  const host = createNodeHost({
    projectRoot: options.projectRoot ?? PROJECT_ROOT,
    workspaceDir: scratch,
    mode: 'browser',
    startNotebookPath: null,
    defaultModelId: options.defaultModelId ?? 'bow',
  });
  const server = await startServer({
    host,
    rendererDir,
    port: 0,
    logger: createLogger(options.name, () => undefined),
  });

  const flags = readFileSync(FLAGS_FILE, 'utf8').split('\n').filter((flag) => flag !== '');
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    args: [...flags, '--headless'],
    viewport: options.viewport ?? { width: 1440, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(server.url).origin,
  });
  const page = await context.newPage();
  await page.goto(`${server.url}${options.query ?? ''}`);
  await waitForModelReady(page);

  return {
    scratch,
    server,
    context,
    page,
    close: async () => {
      await context.close();
      await server.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Waits until the workbench has a loaded model. */
export async function waitForModelReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => {
    const debug = (globalThis as unknown as {
      perflensDebug?: { state(): { modelStatus: string } };
    }).perflensDebug;
    return debug?.state().modelStatus === 'ready';
  }, undefined, { timeout });
}

/** Pastes text into the New diff dialog through the clipboard, as a user would. */
export async function pasteNewDiff(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+n');
  const textarea = page.getByTestId('paste-text');
  await textarea.waitFor();
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await textarea.focus();
  await page.keyboard.press('Control+v');
  await page.getByTestId('paste-accept').click();

  const confirm = page.getByTestId('confirm-accept');
  if (await confirm.isVisible()) {
    await confirm.click();
  }
}

export interface ScoredText {
  diffText: string;
  probability: number;
  flagged: boolean;
  threshold: number;
}

/** Waits until the score on screen belongs to exactly `text` and returns it. */
export async function waitForScoreOf(
  page: Page,
  text: string,
  timeout = 60_000,
): Promise<ScoredText> {
  const hash = await sha256Hex(text);
  await page.waitForFunction((expected) => {
    const debug = (globalThis as unknown as {
      perflensDebug: { state: () => Record<string, any> };
    }).perflensDebug;
    const state = debug.state();
    return state.currentScore?.diffHash === expected && state.scorePending === false;
  }, hash, { timeout });

  return page.evaluate(() => {
    const debug = (globalThis as unknown as {
      perflensDebug: { state: () => Record<string, any> };
    }).perflensDebug;
    const state = debug.state();
    return {
      diffText: state.diffText as string,
      probability: state.currentScore.probability as number,
      flagged: state.currentScore.flagged as boolean,
      threshold: state.currentScore.threshold as number,
    };
  });
}

/** Returns the editor text as the store keeps it. */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as {
      perflensDebug: { state: () => { diffText: string } };
    }).perflensDebug;
    return debug.state().diffText;
  });
}

/** Moves the editor cursor with Monaco's Go to Line command (Ctrl+G, then `line:column`). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator('[data-testid=diff-editor] .view-lines').click();
  await page.keyboard.press('Control+g');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}
