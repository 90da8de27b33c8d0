/**
 * Progress lines of `perflens explain FILE` on stderr, such as `explain: occlusion 4.1 s: 120
 * of 9001 items`. Lines are throttled, and the end of every step prints one line.
 */

/** Minimum milliseconds between two progress lines of one step. */
export const PROGRESS_INTERVAL_MS = 2000;

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}

export class StepProgress {
  private step = '';
  private stepStarted = 0;
  private lastPrinted = 0;

  constructor(
    /** Receives one line without its newline. The default writes it to stderr. */
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Starts timing a step, such as `occlusion`. Its first line follows after the interval. */
  start(step: string): void {
    this.step = step;
    this.stepStarted = this.now();
    this.lastPrinted = this.stepStarted;
  }

  /** Prints `detail` of the current step when the interval has passed since the last line. */
  update(detail: string): void {
    const now = this.now();
    if (now - this.lastPrinted < this.intervalMs) return;

    this.lastPrinted = now;
    this.write(`explain: ${this.step} ${seconds(now - this.stepStarted)}: ${detail}`);
  }

  /** Prints the last line of the current step, whatever the interval. */
  finish(detail: string): void {
    const now = this.now();
    this.lastPrinted = now;
    this.write(`explain: ${this.step} done in ${seconds(now - this.stepStarted)}: ${detail}`);
  }
}
