/** A progress line on stderr with step, loss and estimated time left. */

/** Formats seconds as m:ss, or h:mm:ss from one hour. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export class ProgressLine {
  private readonly started = Date.now();
  private lastPrinted = 0;

  constructor(
    private readonly label: string,
    private readonly totalSteps: number,
    /** Minimum milliseconds between two printed lines. */
    private readonly intervalMs = 2000,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Prints the line when the interval has passed or at the last step. */
  update(step: number, loss: number, extra = ''): void {
    const now = Date.now();
    if (now - this.lastPrinted < this.intervalMs && step < this.totalSteps) return;
    this.lastPrinted = now;

    const elapsed = (now - this.started) / 1000;
    const eta = step > 0 ? (elapsed / step) * (this.totalSteps - step) : Number.NaN;
    const line =
      `${this.label} step ${step}/${this.totalSteps} loss ${loss.toFixed(4)} ` +
      `elapsed ${formatDuration(elapsed)} eta ${Number.isNaN(eta) ? '?' : formatDuration(eta)}` +
      (extra === '' ? '' : ` ${extra}`);

    // On a terminal the line rewrites itself; in a log file every update is its own line.
    if (this.stream.isTTY) {
      const end = step >= this.totalSteps ? '\n' : '';
      this.stream.write(`\r${line}\x1b[K${end}`);
    } else {
      this.stream.write(`${line}\n`);
    }
  }
}
