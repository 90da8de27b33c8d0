/**
 * Diverging colour scale of attributions. Red-orange pushes the score up (towards flagged),
 * blue pushes it down; the stronger the push, the more opaque the colour. Monaco decorations
 * take CSS class names, not colours, so the scale is quantized into BINS classes per side,
 * whose rules are generated once into a stylesheet.
 */

/** Classes per side of zero. */
export const BINS = 6;

/** Colours of the two ends, as RGB; they match --flagged and --accent in styles.css. */
export const UP_RGB: readonly [number, number, number] = [255, 107, 91];
export const DOWN_RGB: readonly [number, number, number] = [79, 156, 249];

/** Opacity of the weakest and the strongest bin. */
const MIN_ALPHA = 0.14;
const MAX_ALPHA = 0.62;

/**
 * Items weaker than this share of the scale's maximum get no colour, so that the many tokens
 * that barely matter do not tint the whole diff.
 */
export const NEUTRAL_SHARE = 0.06;

/**
 * Returns the bin of a value: 0 for neutral, 1..BINS for pushes up, -1..-BINS for pushes down.
 * `maxAbs` is the scale's maximum; larger values fall into the last bin.
 */
export function binOf(value: number, maxAbs: number): number {
  if (!(maxAbs > 0) || !Number.isFinite(value)) return 0;

  const share = Math.min(Math.abs(value) / maxAbs, 1);
  if (share < NEUTRAL_SHARE) return 0;
  const step = (1 - NEUTRAL_SHARE) / BINS;
  const bin = Math.min(BINS, Math.floor((share - NEUTRAL_SHARE) / step) + 1);
  return value > 0 ? bin : -bin;
}

/** Returns the opacity of a bin's colour; 0 for the neutral bin. */
export function binAlpha(bin: number): number {
  if (bin === 0) return 0;
  const strength = (Math.abs(bin) - 1) / (BINS - 1);
  return MIN_ALPHA + strength * (MAX_ALPHA - MIN_ALPHA);
}

/** Returns the CSS colour of a bin, such as `rgba(255, 107, 91, 0.33)`. */
export function binColor(bin: number): string {
  const [red, green, blue] = bin >= 0 ? UP_RGB : DOWN_RGB;
  return `rgba(${red}, ${green}, ${blue}, ${binAlpha(bin).toFixed(3)})`;
}

/** Returns the colour of a value on a scale with maximum `maxAbs`. */
export function attributionColor(value: number, maxAbs: number): string {
  return binColor(binOf(value, maxAbs));
}

export type DecorationTarget = 'token' | 'line';

/** Returns the class of a bin, such as `pl-attr-token-up-3`; null for the neutral bin. */
export function binClassName(target: DecorationTarget, bin: number): string | null {
  if (bin === 0) return null;
  return `pl-attr-${target}-${bin > 0 ? 'up' : 'down'}-${Math.abs(bin)}`;
}

/** Returns the CSS rules of every bin class, for one `<style>` element. */
export function attributionStyleSheet(): string {
  const rules: string[] = [];
  for (let magnitude = 1; magnitude <= BINS; magnitude++) {
    for (const bin of [magnitude, -magnitude]) {
      const color = binColor(bin);
      rules.push(`.monaco-editor .${binClassName('token', bin)} { background: ${color}; }`);
      rules.push(`.monaco-editor .${binClassName('line', bin)} { background: ${color}; }`);
    }
  }
  return rules.join('\n');
}

/**
 * Returns the scale maximum of a set of values: the largest |value|, or 1 when every value is 0,
 * so that an all-zero set draws as neutral instead of dividing by zero.
 */
export function scaleMax(values: readonly number[]): number {
  let max = 0;
  for (const value of values) {
    if (Number.isFinite(value)) max = Math.max(max, Math.abs(value));
  }
  return max > 0 ? max : 1;
}

/** Formats a scale's maximum: two decimals, or two significant digits below 0.1. */
export function formatScale(max: number): string {
  return max >= 0.1 ? max.toFixed(2) : max.toPrecision(2);
}
