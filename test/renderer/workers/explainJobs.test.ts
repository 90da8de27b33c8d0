import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import {
  runAttributionJob,
  runCounterfactualJob,
  type JobContext,
} from '../../../renderer/workers/explainJobs.ts';
import type { ExplainReply } from '../../../renderer/workers/explainProtocol.ts';
import { handBuiltBundle, SLEEP_BLOCK_DIFF } from '../../core/explain/handBuiltBow.ts';

let scorer: Scorer;

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadScorer(await handBuiltBundle());
});

afterAll(() => scorer.dispose());

/** Runs a job on SLEEP_BLOCK_DIFF and returns every reply it posted. */
async function collect(
  run: (context: JobContext) => Promise<void>,
  options: { signal?: AbortSignal; scorer?: Scorer } = {},
): Promise<ExplainReply[]> {
  const replies: ExplainReply[] = [];
  await run({
    jobId: 7,
    scorer: options.scorer ?? scorer,
    patch: parsePatch(SLEEP_BLOCK_DIFF),
    metadata: undefined,
    signal: options.signal ?? new AbortController().signal,
    post: (reply) => replies.push(reply),
  });
  return replies;
}

function last<T>(items: readonly T[]): T {
  return items[items.length - 1]!;
}

type AttributionOptions = Parameters<typeof runAttributionJob>[1];
type SearchOptions = Parameters<typeof runCounterfactualJob>[1];

function occlusion(levels: AttributionOptions['levels']): AttributionOptions {
  return { method: 'occlusion', levels, timeBudgetMs: 10_000 };
}

const ALL_LEVELS: AttributionOptions['levels'] = ['token', 'line', 'hunk'];
const GRADIENTS: AttributionOptions = {
  method: 'integrated-gradients',
  levels: ['token'],
  timeBudgetMs: 0,
};
const SEARCH: SearchOptions = {
  maxEdits: 3,
  maxCounterfactuals: 1,
  timeBudgetMs: 10_000,
  siteScope: 'all',
  seed: 0,
};

describe('runAttributionJob with occlusion', () => {
  it('ends with one done reply', async () => {
    const replies = await collect((context) => runAttributionJob(context, occlusion(ALL_LEVELS)));

    expect(replies.filter((reply) => reply.type === 'attributions-done')).toHaveLength(1);
    expect(last(replies).type).toBe('attributions-done');
  });

  it('streams every item before done', async () => {
    const replies = await collect((context) => runAttributionJob(context, occlusion(ALL_LEVELS)));

    const streamed = replies.flatMap((reply) =>
      reply.type === 'attributions-partial' ? reply.items : []);
    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    expect(streamed).toHaveLength(done.items.length);
  });

  it('ranks the hot tokens first', async () => {
    const replies = await collect((context) => runAttributionJob(context, occlusion(['token'])));

    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    expect(done.items.slice(0, 2).map((item) => item.text).sort()).toEqual(['block', 'sleep']);
    expect(done.items[0]!.logit).toBeGreaterThan(0);
  });

  it('reports probability and logit changes', async () => {
    const replies = await collect((context) => runAttributionJob(context, occlusion(['token'])));

    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    expect(done.items[0]!.probability).not.toBeNull();
    expect(done.completeness).toBeNull();
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const replies = await collect(
      (context) => runAttributionJob(context, occlusion(ALL_LEVELS)),
      { signal: controller.signal },
    );

    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    expect(done.stopReason).toBe('aborted');
    expect(done.items).toEqual([]);
  });
});

describe('runAttributionJob with integrated gradients', () => {
  it('passes the completeness check', async () => {
    const replies = await collect((context) => runAttributionJob(context, GRADIENTS));

    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    expect(done.completeness?.passed).toBe(true);
  });

  it('attributes lines and hunks too', async () => {
    const replies = await collect((context) => runAttributionJob(context, GRADIENTS));

    const done = last(replies);
    if (done.type !== 'attributions-done') throw new Error('no done reply');
    const levels = new Set(done.items.map((item) => item.level));
    expect(levels).toEqual(new Set(['token', 'line', 'hunk']));
  });

  it('rejects models without gradients', async () => {
    // The same model behind the plain Scorer interface, as a family without gradients has it.
    const plain: Scorer = {
      manifest: scorer.manifest,
      bundleHash: scorer.bundleHash,
      score: (patch, metadata) => scorer.score(patch, metadata),
      scoreBatch: (patches, metadata) => scorer.scoreBatch(patches, metadata),
      dispose: () => undefined,
    };

    const run = collect(
      (context) => runAttributionJob(context, GRADIENTS),
      { scorer: plain },
    );

    await expect(run).rejects.toThrow(/has no gradient access.*Use occlusion instead/);
  });
});

describe('runCounterfactualJob', () => {
  it('posts the counterfactual before done', async () => {
    const replies = await collect((context) => runCounterfactualJob(context, SEARCH));

    const types = replies.map((reply) => reply.type);
    expect(types.indexOf('counterfactual-found')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('counterfactual-found')).toBeLessThan(types.indexOf('search-done'));
  });

  it('flips the decision', async () => {
    const replies = await collect((context) => runCounterfactualJob(context, SEARCH));

    const found = replies.find((reply) => reply.type === 'counterfactual-found');
    if (found?.type !== 'counterfactual-found') throw new Error('no counterfactual');
    expect(found.counterfactual.probabilityAfter).toBeLessThan(0.5);
  });

  it('streams the whole trace', async () => {
    const replies = await collect((context) => runCounterfactualJob(context, SEARCH));

    const streamed = replies.flatMap((reply) =>
      reply.type === 'search-progress' ? reply.points : []);
    const done = last(replies);
    if (done.type !== 'search-done') throw new Error('no done reply');
    expect(streamed).toEqual(done.trace);
  });

  it('keeps to call sites when asked', async () => {
    const replies = await collect((context) =>
      runCounterfactualJob(context, { ...SEARCH, siteScope: 'calls-imports' }));

    const found = replies.find((reply) => reply.type === 'counterfactual-found');
    if (found?.type !== 'counterfactual-found') throw new Error('no counterfactual');
    for (const edit of found.counterfactual.edits) {
      expect(['sleep', 'block', '  sleep(item);', '  block(item);']).toContain(edit.before);
    }
  });
});
