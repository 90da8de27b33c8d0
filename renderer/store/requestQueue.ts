/**
 * Coalescing queue for score requests: at most one request is in flight in the inference
 * worker, and at most one waits behind it (the newest). Typing faster than the model scores
 * therefore never builds a backlog, and the last text typed is always scored.
 */

export interface ScoreRequest {
  requestId: number;
  diff: string;
}

export class ScoreRequestQueue {
  private nextId = 1;
  private inFlight: ScoreRequest | null = null;
  private pending: ScoreRequest | null = null;

  /** Id of the newest request submitted; results of any other request are superseded. */
  get latestRequestId(): number {
    return this.nextId - 1;
  }

  get inFlightRequest(): ScoreRequest | null {
    return this.inFlight;
  }

  get pendingRequest(): ScoreRequest | null {
    return this.pending;
  }

  /**
   * Registers new text to score. Returns the request to post now, or null when one is already
   * in flight (then this one replaces any older pending request).
   */
  submit(diff: string): ScoreRequest | null {
    const request = { requestId: this.nextId, diff };
    this.nextId += 1;

    if (this.inFlight === null) {
      this.inFlight = request;
      return request;
    }
    this.pending = request;
    return null;
  }

  /**
   * Marks the in-flight request as completed (with a result or an error). Returns the pending
   * request to post next, or null when none waits. Completions for unknown ids are ignored.
   */
  complete(requestId: number): ScoreRequest | null {
    if (this.inFlight === null || this.inFlight.requestId !== requestId) {
      return null;
    }

    this.inFlight = this.pending;
    this.pending = null;
    return this.inFlight;
  }

  /** True when a result with this id is for the newest text and should be shown. */
  isLatest(requestId: number): boolean {
    return requestId === this.latestRequestId;
  }

  /** Forgets all requests, such as after the worker restarts; ids keep increasing. */
  reset(): void {
    this.inFlight = null;
    this.pending = null;
  }
}
