/**
 * One-line logs of the renderer's starts, stops and caught errors, written to the browser console
 * (the DevTools console in Electron). Nothing is logged per keystroke.
 */
type Level = 'info' | 'warn' | 'error';

const MAX_REPEATS_SHOWN = 3;
const repeats = new Map<string, number>();

/**
 * Writes one line prefixed `[perflens]`. A message repeated with the same `key` is written
 * three times, then only every hundredth time, with its count.
 */
export function logEvent(level: Level, message: string, key?: string): void {
  if (key !== undefined) {
    const count = (repeats.get(key) ?? 0) + 1;
    repeats.set(key, count);
    if (count > MAX_REPEATS_SHOWN && count % 100 !== 0) {
      return;
    }
    if (count > MAX_REPEATS_SHOWN) {
      message = `${message} (repeated ${count} times)`;
    }
  }
  console[level](`[perflens] ${message}`);
}
