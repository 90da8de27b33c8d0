/**
 * Notebooks end to end in Debian's Chromium: the renderer built from the current sources, the
 * browser-mode server in this process on a random 127.0.0.1 port, and two hand-built BoW bundles
 * in a throw-away project folder. The test builds a notebook with every cell type, saves it,
 * reopens it (the re-check runs), exports HTML and .ipynb, and opens the HTML export offline.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Ajv from 'ajv-draft-04';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseNotebook, type Notebook } from '../../src/core/notebook/index.ts';
import { createNodeHost } from '../../src/host/nodeHost.ts';
import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import { writeBundleDir } from '../../src/node/bundleFiles.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { handBuiltBundle, SLEEP_BLOCK_DIFF } from '../core/explain/handBuiltBow.ts';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS_FILE = join(PROJECT_ROOT, 'scripts', 'chromium-flags.txt');
const SCHEMA_FILE = join(PROJECT_ROOT, 'test', 'fixtures', 'nbformat', 'nbformat.v4.5.schema.json');

const SCRIPT_INJECTION = '</script><script>window.__pwned=1</script>';
const IMG_INJECTION = '<img src=x onerror="window.__pwned=2">';

/** The hand-built diff with one more added line that carries markup a page must not run. */
const HOSTILE_DIFF = SLEEP_BLOCK_DIFF.replace('@@ -1,3 +1,5 @@', '@@ -1,3 +1,6 @@').replace(
  '+  return item;',
  `+  const note = '${SCRIPT_INJECTION}${IMG_INJECTION}';\n+  return item;`,
);

if (!existsSync(CHROMIUM)) {
  console.warn(`Skipping the notebook end-to-end test: ${CHROMIUM} is missing.`);
}

/** Returns a small labelled set for the hand-built model: `sleep` and `block` lines regress. */
function labelledRows(): string {
  const rows = [];
  for (let index = 0; index < 12; index++) {
    const positive = index % 3 === 0;
    const body = positive ? `+  sleep(item${index});\n+  block(item${index});` : `+  log(item${index});`;
    const added = positive ? 2 : 1;
    const diff = [
      `diff --git a/src/w${index}.js b/src/w${index}.js`,
      `--- a/src/w${index}.js`,
      `+++ b/src/w${index}.js`,
      `@@ -1,2 +1,${2 + added} @@`,
      ' function handle(item) {',
      body,
      ' }',
      '',
    ].join('\n');
    rows.push(JSON.stringify({ diff, label: positive ? 1 : 0 }));
  }
  return `${rows.join('\n')}\n`;
}

async function waitForCells(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const debug = (globalThis as unknown as {
        perflensNotebookDebug: { state(): { cells: unknown[]; busy: object } };
      }).perflensNotebookDebug;
      return debug.state().cells.length === expected;
    },
    count,
    { timeout: 60_000 },
  );
}

function documentCellTypes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const debug = (globalThis as unknown as {
      perflensNotebookDebug: { state(): { cells: Array<{ type: string }> } };
    }).perflensNotebookDebug;
    return debug.state().cells.map((cell) => cell.type);
  });
}

describe.skipIf(!existsSync(CHROMIUM))('notebook end to end', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'perflens-notebook-e2e-'));
  const projectRoot = join(scratch, 'project');
  const workspace = join(scratch, 'workspace');
  const rendererDir = join(scratch, 'renderer');
  const downloads = join(scratch, 'downloads');
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let savedPath = '';
  let htmlPath = '';
  let ipynbPath = '';

  beforeAll(async () => {
    mkdirSync(join(projectRoot, 'notebooks'), { recursive: true });
    mkdirSync(workspace);
    mkdirSync(downloads);
    writeFileSync(join(projectRoot, 'package.json'), '{"name":"perflens","version":"0.0.0-test"}\n');

    const lenient = await handBuiltBundle(0.5);
    writeBundleDir(join(projectRoot, 'models', 'hand-built-bow'), lenient);
    const strict = await handBuiltBundle(0.9);
    const strictManifest = { ...strict.manifest, id: 'hand-built-strict' };
    writeBundleDir(join(projectRoot, 'models', 'hand-built-strict'), { ...strict, manifest: strictManifest });
    writeFileSync(join(scratch, 'labelled.jsonl'), labelledRows());

    await build({
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: rendererDir, emptyOutDir: true, sourcemap: false },
    });

    const host = createNodeHost({
      projectRoot,
      workspaceDir: workspace,
      mode: 'browser',
      startNotebookPath: null,
      defaultModelId: 'hand-built-bow',
    });
    server = await startServer({
      host,
      rendererDir,
      port: 0,
      logger: createLogger('notebook e2e', () => undefined),
    });

    const flags = readFileSync(FLAGS_FILE, 'utf8').split('\n').filter((flag) => flag !== '');
    context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
      executablePath: CHROMIUM,
      args: [...flags, '--headless'],
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => {
      const debug = (globalThis as unknown as {
        perflensDebug?: { state(): { modelStatus: string } };
      }).perflensDebug;
      return debug?.state().modelStatus === 'ready';
    }, undefined, { timeout: 60_000 });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('builds a notebook with every cell type', async () => {
    await page.click('[data-testid=tab-notebook]');

    await page.click('[data-testid=add-markdown]');
    await page.fill('[data-testid=markdown-source]',
      `# Sleep in the handler\n\nNote with markup: ${SCRIPT_INJECTION} ${IMG_INJECTION}`);
    await page.keyboard.press('Escape');
    await waitForCells(page, 1);

    await page.click('[data-testid=add-diff]');
    await page.fill('[data-testid=composer-diff]', HOSTILE_DIFF);
    await page.click('[data-testid=composer-create]');
    await waitForCells(page, 2);

    await page.click('[data-testid=add-explanation]');
    await page.fill('[data-testid=composer-diff]', SLEEP_BLOCK_DIFF);
    await page.click('[data-testid=composer-create]');
    await waitForCells(page, 3);

    await page.click('[data-testid=add-comparison]');
    await page.fill('[data-testid=composer-diff]', HOSTILE_DIFF);
    await page.click('[data-testid=composer-create]');
    await waitForCells(page, 4);

    await page.click('[data-testid=add-evaluation]');
    await page.setInputFiles('[data-testid=composer-file]', join(scratch, 'labelled.jsonl'));
    await page.click('[data-testid=composer-create]');
    await waitForCells(page, 5);

    expect(await documentCellTypes(page)).toEqual([
      'markdown', 'diff', 'explanation', 'comparison', 'evaluation',
    ]);
    expect(await page.locator('.pl-nb-cell svg.pl-chart-pr').count()).toBe(1);
  });

  it('picks a threshold from the ROC curve', async () => {
    const readThreshold = () => page.locator('[data-testid=threshold-value]').textContent();
    expect(await readThreshold()).toBe('0.500');

    // The top right corner of the ROC curve is its lowest threshold.
    await page.locator('.pl-nb-cell svg.pl-chart-roc').click({ position: { x: 306, y: 16 } });
    expect(await readThreshold()).not.toBe('0.500');
  });

  it('moves, deletes and undoes across cells', async () => {
    await page.click('[data-testid=cell-4] [data-testid=cell-up]');
    expect((await documentCellTypes(page))[3]).toBe('evaluation');

    await page.click('[data-testid=cell-0] [data-testid=cell-delete]');
    await waitForCells(page, 4);
    await page.click('[data-testid=tab-notebook]');
    await page.keyboard.press('Control+z');
    await waitForCells(page, 5);
    await page.keyboard.press('Control+z');
    expect((await documentCellTypes(page))[4]).toBe('evaluation');

    await page.keyboard.press('Control+Shift+z');
    expect((await documentCellTypes(page))[3]).toBe('evaluation');
  });

  it('collapses a cell with its button', async () => {
    await page.click('[data-testid=cell-2] [data-testid=cell-collapse]');
    expect(await page.locator('[data-testid=cell-2] .pl-nb-cell-body').count()).toBe(0);
  });

  it('offers recovery after a crash', async () => {
    const recovery = join(workspace, '.recovery', 'autosave.json');
    const autosavedCells = (): string => {
      if (!existsSync(recovery)) return 'no recovery file';
      const record = JSON.parse(readFileSync(recovery, 'utf8')) as { notebookText: string };
      const { cells } = parseNotebook(record.notebookText);
      return `${cells.length} cells, ${cells.filter((cell) => cell.collapsed).length} collapsed`;
    };
    await expect.poll(autosavedCells, { timeout: 30_000 }).toBe('5 cells, 1 collapsed');

    // Closing without beforeunload handlers is what a crash looks like to the next start.
    await page.close();
    page = await context.newPage();
    await page.goto(server.url);
    await page.click('[data-testid=recovery-restore]', { timeout: 60_000 });
    await waitForCells(page, 5);

    expect(await documentCellTypes(page)).toEqual([
      'markdown', 'diff', 'explanation', 'evaluation', 'comparison',
    ]);
  });

  it('saves every cell to disk', async () => {
    await page.screenshot({ path: join(scratch, 'notebook.png') });
    await page.keyboard.press('Control+s');
    await page.fill('[data-testid=save-as-name]', 'all-cells');
    await page.fill('[data-testid=save-as-folder]', workspace);
    await page.click('[data-testid=save-as-accept]');

    savedPath = join(workspace, 'all-cells.perflens.json');
    await expect.poll(() => existsSync(savedPath), { timeout: 30_000 }).toBe(true);
    const saved: Notebook = parseNotebook(readFileSync(savedPath, 'utf8'));
    expect(saved.cells.map((cell) => cell.type).sort()).toEqual([
      'comparison', 'diff', 'evaluation', 'explanation', 'markdown',
    ]);
    expect(saved.cells.find((cell) => cell.type === 'explanation')?.collapsed).toBe(true);
    const recovery = join(workspace, '.recovery', 'autosave.json');
    await expect.poll(() => existsSync(recovery), { timeout: 30_000 }).toBe(false);
  });

  it('reopens and re-checks every result', async () => {
    await page.reload();
    await page.waitForFunction(() => {
      const debug = (globalThis as unknown as {
        perflensDebug?: { state(): { modelStatus: string } };
      }).perflensDebug;
      return debug?.state().modelStatus === 'ready';
    }, undefined, { timeout: 60_000 });

    await page.keyboard.press('Control+o');
    await page.click(`[data-testid=open-item][data-path="${savedPath}"]`);
    await waitForCells(page, 5);
    await page.click('[data-testid=tab-notebook]');

    const summary = page.locator('[data-testid=recheck-summary]');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/all \d+ results reproduce/);
  });

  it('exports HTML and ipynb downloads', async () => {
    const htmlDownload = page.waitForEvent('download');
    await page.click('[data-testid=export-html]');
    htmlPath = join(downloads, 'notebook.html');
    await (await htmlDownload).saveAs(htmlPath);

    const ipynbDownload = page.waitForEvent('download');
    await page.click('[data-testid=export-ipynb]');
    ipynbPath = join(downloads, 'notebook.ipynb');
    await (await ipynbDownload).saveAs(ipynbPath);

    expect(readFileSync(htmlPath, 'utf8')).toContain('Content-Security-Policy');
    expect(existsSync(ipynbPath)).toBe(true);
  });

  it('exports an ipynb valid against nbformat 4.5', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
    const valid = validate(JSON.parse(readFileSync(ipynbPath, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('opens the HTML export offline safely', async () => {
    await context.setOffline(true);
    let blocked = 0;
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith('file:')) return route.continue();
      blocked += 1;
      return route.abort();
    });

    const exported = await context.newPage();
    const errors: string[] = [];
    exported.on('pageerror', (error) => errors.push(error.message));
    await exported.goto(`file://${htmlPath}`);

    expect(await exported.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await exported.locator('svg.pl-chart-pr').isVisible()).toBe(true);
    expect(await exported.locator('svg.pl-chart-roc').isVisible()).toBe(true);
    expect(await exported.locator('text=window.__pwned=1').count()).toBeGreaterThan(0);

    const marker = exported.locator('circle.pl-marker[data-chart="roc"]');
    const before = await marker.getAttribute('cx');
    await exported.locator('input.pl-threshold').fill('0.02');
    expect(await marker.getAttribute('cx')).not.toBe(before);

    // A click at the ROC chart's top right corner picks the lowest score as the threshold.
    const thresholdText = exported.locator('output.pl-threshold-value');
    await exported.locator('svg.pl-chart-roc').click({ position: { x: 306, y: 16 } });
    expect(await thresholdText.textContent()).not.toBe('0.020');

    // Keys typed into the slider stay with it, so focus the page before presenting.
    await exported.locator('header.pl-header h1').click();
    await exported.keyboard.press('p');
    expect(await exported.locator('body.pl-presenting').count()).toBe(1);
    await exported.keyboard.press('ArrowRight');
    expect(await exported.locator('#pl-slide-counter').textContent()).toBe('2 / 5');

    expect(blocked).toBe(0);
    expect(errors).toEqual([]);
    await exported.close();
    await context.setOffline(false);
    await context.unroute('**/*');
  });
});
