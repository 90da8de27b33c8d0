/**
 * Explanation jobs of the inference worker: attributions and the counterfactual search on the
 * loaded scorer. Each job stops within one scored batch of its abort signal. Partial results go
 * through `post` in batches at most every PARTIAL_INTERVAL_MS, while a found counterfactual and
 * the final reply are sent at once.
 */
import type { Patch } from '../../src/core/diff/types.ts';
import { streamCounterfactuals } from '../../src/core/explain/counterfactual.ts';
import { ADAPTIVE_STEPS, integratedGradients } from '../../src/core/explain/integratedGradients.ts';
import { decide, occlusionAttributions } from '../../src/core/explain/occlusion.ts';
import { callSitesAndImports } from '../../src/core/explain/predicates.ts';
import { enumerateEditSites } from '../../src/core/explain/sites.ts';
import type { EditKind, SearchTracePoint } from '../../src/core/explain/types.ts';
import { asDifferentiableScorer } from '../../src/core/model/bowGradients.ts';
import { inputCoverage, type ChangeMetadata, type Scorer } from '../../src/core/model/types.ts';
import { gradientAttributionItems } from '../explain/gradientLevels.ts';
import type {
  AttributionItem,
  AttributionJobOptions,
  CounterfactualJobOptions,
  ExplainReply,
} from './explainProtocol.ts';

/** Minimum time between two partial replies of one job, so the page redraws about 10 times/s. */
const PARTIAL_INTERVAL_MS = 100;

const KINDS_OF_LEVEL = {
  token: ['delete-token'],
  line: ['delete-line', 'restore-line'],
  hunk: ['drop-hunk'],
} as const satisfies Record<string, readonly EditKind[]>;

/** Inputs of a job: the loaded scorer, the parsed diff and the reply channel. */
export interface JobContext {
  jobId: number;
  scorer: Scorer;
  patch: Patch;
  metadata: ChangeMetadata | undefined;
  signal: AbortSignal;
  post: (reply: ExplainReply) => void;
}

/**
 * Collects streamed values and flushes them once PARTIAL_INTERVAL_MS has passed since the last
 * flush, or at once on drain().
 */
class Throttle<T> {
  private buffer: T[] = [];
  private lastFlush = 0;

  constructor(private readonly flush: (values: T[]) => void) {}

  push(values: readonly T[]): void {
    this.buffer.push(...values);
    if (performance.now() - this.lastFlush >= PARTIAL_INTERVAL_MS) this.drain();
  }

  drain(): void {
    if (this.buffer.length === 0) return;
    const values = this.buffer;
    this.buffer = [];
    this.lastFlush = performance.now();
    this.flush(values);
  }
}

async function runOcclusion(context: JobContext, options: AttributionJobOptions): Promise<void> {
  const { jobId, scorer, patch, metadata, signal, post } = context;
  const kinds = options.levels.flatMap((level) => KINDS_OF_LEVEL[level]);
  // An upper bound: the diff core rejects a few edits, and those items are never scored.
  const lastPatchLine = inputCoverage(scorer, patch).lastReadPatchLine;
  const total = enumerateEditSites(patch, { kinds, lastPatchLine }).length;
  const started = performance.now();
  let scored = 0;

  const partials = new Throttle<AttributionItem>((items) => {
    post({
      type: 'attributions-partial',
      jobId,
      items,
      scored,
      total,
      elapsedMs: performance.now() - started,
    });
  });
  const result = await occlusionAttributions(scorer, patch, {
    levels: options.levels,
    metadata,
    signal,
    timeBudgetMs: options.timeBudgetMs,
    onAttributions: (batch) => {
      scored += batch.length;
      partials.push(
        batch.map((item) => ({
          level: item.level,
          position: item.edit.position,
          text: item.edit.before,
          logit: item.logitAttribution,
          probability: item.attribution,
        })),
      );
    },
  });
  partials.drain();

  post({
    type: 'attributions-done',
    jobId,
    method: 'occlusion',
    decision: result.decision,
    items: result.attributions.map((item) => ({
      level: item.level,
      position: item.edit.position,
      text: item.edit.before,
      logit: item.logitAttribution,
      probability: item.attribution,
    })),
    stopReason: result.stopReason,
    scored: result.scored,
    elapsedMs: result.elapsedMs,
    completeness: null,
  });
}

async function runIntegratedGradients(context: JobContext): Promise<void> {
  const { jobId, scorer, patch, metadata, signal, post } = context;
  const differentiable = asDifferentiableScorer(scorer);
  if (differentiable === null) {
    throw new Error(
      `Model '${scorer.manifest.id}' (family ${scorer.manifest.family}) has no gradient ` +
        'access, so integrated gradients is not available for it. Use occlusion instead.',
    );
  }

  const decision = await decide(scorer, patch, metadata);
  const started = performance.now();
  const onProgress = (done: number, total: number) => {
    const elapsedMs = performance.now() - started;
    post({ type: 'attributions-partial', jobId, items: [], scored: done, total, elapsedMs });
  };
  try {
    const options = { ...ADAPTIVE_STEPS, metadata, signal, onProgress };
    const result = await integratedGradients(differentiable, patch, options);
    post({
      type: 'attributions-done',
      jobId,
      method: 'integrated-gradients',
      decision,
      items: gradientAttributionItems(patch, result.tokens),
      stopReason: 'complete',
      scored: result.steps + 1,
      elapsedMs: result.elapsedMs,
      completeness: result.completeness,
    });
  } catch (error) {
    // A partial integral means nothing, so an aborted run reports no attributions at all.
    if (!signal.aborted) throw error;
    post({
      type: 'attributions-done',
      jobId,
      method: 'integrated-gradients',
      decision,
      items: [],
      stopReason: 'aborted',
      scored: 0,
      elapsedMs: 0,
      completeness: null,
    });
  }
}

/** Computes attributions with occlusion or integrated gradients and streams them. */
export function runAttributionJob(
  context: JobContext,
  options: AttributionJobOptions,
): Promise<void> {
  return options.method === 'occlusion'
    ? runOcclusion(context, options)
    : runIntegratedGradients(context);
}

/** Runs the counterfactual search, posting each counterfactual as soon as it is verified. */
export async function runCounterfactualJob(
  context: JobContext,
  options: CounterfactualJobOptions,
): Promise<void> {
  const { jobId, scorer, patch, metadata, signal, post } = context;
  const progress = new Throttle<SearchTracePoint>((points) => {
    post({ type: 'search-progress', jobId, points });
  });
  const events = streamCounterfactuals(scorer, patch, {
    maxEdits: options.maxEdits,
    maxCounterfactuals: options.maxCounterfactuals,
    timeBudgetMs: options.timeBudgetMs,
    seed: options.seed,
    predicate: options.siteScope === 'calls-imports' ? callSitesAndImports : undefined,
    metadata,
    signal,
  });

  for (;;) {
    const step = await events.next();
    if (step.done === true) {
      progress.drain();
      const result = step.value;
      post({
        type: 'search-done',
        jobId,
        decision: result.decision,
        stopReason: result.stopReason,
        sites: result.sites,
        scored: result.scored,
        rejected: result.rejected,
        elapsedMs: result.elapsedMs,
        trace: result.trace,
      });
      return;
    }

    const event = step.value;
    if (event.type === 'trace') {
      progress.push([event.point]);
    } else {
      progress.drain();
      post({ type: 'counterfactual-found', jobId, counterfactual: event.counterfactual });
    }
  }
}
