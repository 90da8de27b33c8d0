/**
 * Integrated gradients of the shipped SuperPerforator bundle in Debian's Chromium: the
 * attribution bar offers the method for a Transformer, the worker integrates over its token
 * embeddings, passes the completeness check and the editor draws token attributions. The
 * counterfactual panel names the MLM head as the source of token replacements, and the score
 * panel names the last line of a long diff that the generic Transformer reads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../../src/node/dataset.ts';
import {
  chromiumMissingReason,
  goTo,
  openWorkbench,
  pasteNewDiff,
  waitForScoreOf,
  type WorkbenchSession,
} from './harness.ts';

const MERGE_DIFF = readFileSync(
  join(PROJECT_ROOT, 'test/fixtures/explainui/merge-records.diff'),
  'utf8',
);
/** Longer than the generic Transformer's 256 subwords. */
const LONG_DIFF = readFileSync(
  join(PROJECT_ROOT, 'test/fixtures/explain/list-view-cache.diff'),
  'utf8',
);

const skipReason = chromiumMissingReason();
if (skipReason !== null) {
  console.warn(`Skipping the Transformer gradients end-to-end test: ${skipReason}`);
}

describe.skipIf(skipReason !== null)('Transformer integrated gradients in Chromium', () => {
  let session: WorkbenchSession;
  let page: Page;

  beforeAll(async () => {
    session = await openWorkbench({
      name: 'perflens-transformer-gradients-e2e',
      defaultModelId: 'superperforator',
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('offers integrated gradients for SuperPerforator', async () => {
    await pasteNewDiff(page, MERGE_DIFF);
    await waitForScoreOf(page, MERGE_DIFF);

    const method = page.getByTestId('attribution-method');
    const option = method.locator('option[value=integrated-gradients]');
    expect(await option.isDisabled()).toBe(false);
  });

  it('passes the completeness check', async () => {
    await page.getByTestId('attribution-display-token').click();
    await page.getByTestId('attribution-method').selectOption('integrated-gradients');

    const status = page.getByTestId('attribution-status');
    await expect.poll(() => status.innerText(), { timeout: 120_000 })
      .toMatch(/^completeness ✓ · /);
    expect(await status.getAttribute('title')).toMatch(/^Completeness check passed: /);
  });

  it('draws token attributions', async () => {
    const tokens = page.locator(
      '[data-testid=diff-editor] .view-lines span[class*="pl-attr-token-"]',
    );

    await expect.poll(() => tokens.count()).toBeGreaterThan(5);
  });

  it('names the MLM head as replacement source', async () => {
    await page.getByTestId('bottom-tab-counterfactuals').click();

    await expect.poll(() => page.getByTestId('replacement-source').innerText())
      .toBe('replacements: MLM head');
  });

  it('notes the generic Transformer reads a prefix', async () => {
    await page.locator('[data-testid=model-option][data-model-id=transformer]').click();
    await pasteNewDiff(page, LONG_DIFF);
    await waitForScoreOf(page, LONG_DIFF);

    const note = page.getByTestId('score-coverage');
    await expect.poll(() => note.count(), { timeout: 60_000 }).toBe(1);
    expect(await note.innerText()).toMatch(/reads only the start of a diff, up to patch line \d+/);
  });

  it('fades the lines the model does not read', async () => {
    const faded = page.locator('[data-testid=diff-editor] .view-lines span.pl-unread-text');
    // Monaco renders only visible lines, so bring the end of the diff into view.
    await goTo(page, LONG_DIFF.split('\n').length - 1, 1);

    await expect.poll(() => faded.count()).toBeGreaterThan(0);
  });
});
