/**
 * One-line logs for long-running commands, written to stderr so that stdout stays free for
 * output that scripts read (such as the server URL). Repeats of one message within
 * REPEAT_WINDOW_MS are counted instead of printed.
 */

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const REPEAT_WINDOW_MS = 10_000;

/** Creates a logger whose lines read `TIME LEVEL scope: message`. */
export function createLogger(
  scope: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const recent = new Map<string, { atMs: number; suppressed: number }>();

  const log = (level: LogLevel, message: string): void => {
    const now = Date.now();
    const key = `${level} ${message}`;
    const last = recent.get(key);
    if (last !== undefined && now - last.atMs < REPEAT_WINDOW_MS) {
      last.suppressed++;
      return;
    }

    const repeats = last !== undefined && last.suppressed > 0
      ? ` (repeated ${last.suppressed} more times)`
      : '';
    recent.set(key, { atMs: now, suppressed: 0 });
    if (recent.size > 1000) recent.clear();

    write(`${new Date(now).toISOString()} ${level.toUpperCase()} ${scope}: ${message}${repeats}`);
  };

  return {
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message) => log('error', message),
  };
}
