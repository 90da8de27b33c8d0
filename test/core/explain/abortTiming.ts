/** Runs a cancellable job, aborts it after a delay and measures how long it took to stop. */

/** Returns the job's result and the milliseconds from the abort until the job settled. */
export async function abortAfter<T>(
  delayMs: number,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<{ result: T; settleMs: number }> {
  const controller = new AbortController();
  const job = run(controller.signal);

  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, delayMs);
  const result = await job;
  return { result, settleMs: performance.now() - abortedAt };
}
