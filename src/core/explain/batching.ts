/**
 * Batched scoring for cancellable, time-budgeted explanation jobs. Batches are sized from the
 * measured time per diff so that one batch takes about `targetBatchMs`, and the job yields to
 * the event loop after every batch so that an abort (a timer, a worker message) is seen.
 */
import type { Patch } from '../diff/types.ts';
import type { ChangeMetadata, Scorer } from '../model/types.ts';
import type { StopReason } from './types.ts';

export interface BatchingOptions {
  /** Target duration of one scored batch in ms; default 40, which keeps abort latency < 100 ms. */
  targetBatchMs?: number;
  /** Maximum diffs per batch; default 64. */
  maxBatchSize?: number;
}

/** Resolves on the next macrotask, so pending abort events and timers run first. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Clamps probabilities away from 0 and 1 so that their logit stays finite. */
const PROBABILITY_EPSILON = 1e-7;

/** Returns ln(p / (1 - p)), with p clamped to [1e-7, 1 - 1e-7]. */
export function logit(probability: number): number {
  const p = Math.min(Math.max(probability, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);
  return Math.log(p / (1 - p));
}

/** Tracks the abort signal and the time budget of one job. */
export class JobClock {
  private readonly startedAt = performance.now();

  constructor(
    private readonly signal: AbortSignal | undefined,
    private readonly timeBudgetMs: number,
  ) {}

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** Returns why the job must stop now, or null while it may go on. */
  stopReason(): StopReason | null {
    if (this.signal?.aborted === true) return 'aborted';
    if (this.elapsedMs >= this.timeBudgetMs) return 'time-budget';
    return null;
  }
}

/** Scores diffs in batches whose size follows the measured time per diff. */
export class AdaptiveBatcher {
  private readonly targetBatchMs: number;
  private readonly maxBatchSize: number;
  private msPerDiff: number | null = null;

  /** Number of diffs scored so far. */
  scored = 0;

  constructor(
    private readonly scorer: Scorer,
    private readonly metadata: ChangeMetadata | undefined,
    options: BatchingOptions = {},
  ) {
    this.targetBatchMs = options.targetBatchMs ?? 40;
    this.maxBatchSize = options.maxBatchSize ?? 64;
    if (!(this.targetBatchMs > 0) || !(this.maxBatchSize >= 1)) {
      throw new Error(
        `Invalid batching options: targetBatchMs ${this.targetBatchMs} and maxBatchSize ` +
          `${this.maxBatchSize}; both must be positive.`,
      );
    }
  }

  /** Size of the next batch: 2 before the first measurement, then targetBatchMs / msPerDiff. */
  nextBatchSize(): number {
    if (this.msPerDiff === null) return Math.min(2, this.maxBatchSize);
    const size = Math.floor(this.targetBatchMs / Math.max(this.msPerDiff, 1e-3));
    return Math.min(Math.max(size, 1), this.maxBatchSize);
  }

  /** Scores one batch and updates the time per diff (exponential moving average). */
  async score(patches: Patch[]): Promise<number[]> {
    if (patches.length === 0) return [];

    const started = performance.now();
    const metadata = this.metadata === undefined ? undefined : patches.map(() => this.metadata!);
    const probabilities = await this.scorer.scoreBatch(patches, metadata);
    const perDiff = (performance.now() - started) / patches.length;

    this.msPerDiff = this.msPerDiff === null ? perDiff : 0.7 * this.msPerDiff + 0.3 * perDiff;
    this.scored += patches.length;
    return probabilities;
  }
}
