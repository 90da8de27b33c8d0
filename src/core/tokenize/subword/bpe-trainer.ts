/**
 * Learns BPE merges from word counts. Pair counts are updated incrementally: a merge touches
 * only the words that contain its pair, and a max-heap with lazy deletion finds the next most
 * frequent pair. Ties go to the pair of smaller token ids, so training is deterministic.
 */
import type { Word } from './pretokenize.ts';
import {
  BPE_FORMAT,
  BPE_FORMAT_VERSION,
  initialSymbols,
  type BpeTokenizerJson,
} from './bpe-tokenizer.ts';

export interface BpeTrainingOptions {
  /** Number of tokens to reach, special tokens and alphabet included. */
  vocabSize: number;
  /** Special tokens in id order. The unknown token must be one of them. */
  specialTokens: string[];
  unknownToken: string;
  /** Characters seen fewer times than this stay out of the alphabet and encode as unknown. */
  minCharCount: number;
}

/** Symbol id of a character outside the alphabet; pairs with it are never merged. */
const UNKNOWN_SYMBOL = -1;

interface TrainingWord {
  symbols: number[];
  count: number;
}

/** Max-heap of [count, pair key], largest count first, then smallest key. */
class PairHeap {
  private readonly counts: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.counts.length;
  }

  private before(i: number, j: number): boolean {
    const countI = this.counts[i]!;
    const countJ = this.counts[j]!;
    return countI > countJ || (countI === countJ && this.keys[i]! < this.keys[j]!);
  }

  private swap(i: number, j: number): void {
    [this.counts[i], this.counts[j]] = [this.counts[j]!, this.counts[i]!];
    [this.keys[i], this.keys[j]] = [this.keys[j]!, this.keys[i]!];
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): [number, number] {
    const top: [number, number] = [this.counts[0]!, this.keys[0]!];
    const last = this.counts.length - 1;
    this.swap(0, last);
    this.counts.pop();
    this.keys.pop();

    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < this.counts.length && this.before(left, best)) best = left;
      if (right < this.counts.length && this.before(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}

const PAIR_BASE = 65_536;

/** Learns a BPE vocabulary from word counts (word text to number of occurrences). */
export function learnBpe(
  wordCounts: ReadonlyMap<string, number>,
  options: BpeTrainingOptions,
): BpeTokenizerJson {
  if (!options.specialTokens.includes(options.unknownToken)) {
    throw new Error(
      `Unknown token ${options.unknownToken} must be one of the special tokens ` +
        `(${options.specialTokens.join(', ')}).`,
    );
  }
  if (options.vocabSize >= PAIR_BASE) {
    throw new Error(`Vocabulary size ${options.vocabSize} is too large; the maximum is 65535.`);
  }

  // Alphabet: initial symbols seen at least minCharCount times, in code point order.
  const symbolCounts = new Map<string, number>();
  for (const [word, count] of wordCounts) {
    for (const symbol of initialSymbols(word)) {
      symbolCounts.set(symbol, (symbolCounts.get(symbol) ?? 0) + count);
    }
  }
  const alphabet = [...symbolCounts]
    .filter(([, count]) => count >= options.minCharCount)
    .map(([symbol]) => symbol)
    .sort();

  const tokens = [...options.specialTokens, ...alphabet];
  const idsByToken = new Map(tokens.map((token, id) => [token, id]));
  if (tokens.length > options.vocabSize) {
    throw new Error(
      `Vocabulary size ${options.vocabSize} is smaller than the ${tokens.length} special tokens ` +
        'and alphabet symbols. Raise vocabSize or minCharCount.',
    );
  }

  // Words in a fixed order (sorted text), so pair discovery order does not depend on Map order.
  const words: TrainingWord[] = [...wordCounts.keys()].sort().map((text) => ({
    symbols: initialSymbols(text).map((symbol) => idsByToken.get(symbol) ?? UNKNOWN_SYMBOL),
    count: wordCounts.get(text)!,
  }));

  const pairCounts = new Map<number, number>();
  const wordsByPair = new Map<number, Set<number>>();
  const addPairs = (wordIndex: number, sign: 1 | -1, changed: Set<number>) => {
    const { symbols, count } = words[wordIndex]!;
    for (let i = 0; i + 1 < symbols.length; i++) {
      const left = symbols[i]!;
      const right = symbols[i + 1]!;
      if (left === UNKNOWN_SYMBOL || right === UNKNOWN_SYMBOL) continue;

      const key = left * PAIR_BASE + right;
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + sign * count);
      changed.add(key);
      if (sign === 1) {
        let holders = wordsByPair.get(key);
        if (holders === undefined) wordsByPair.set(key, (holders = new Set()));
        holders.add(wordIndex);
      }
    }
  };

  const heap = new PairHeap();
  const initial = new Set<number>();
  words.forEach((_, index) => addPairs(index, 1, initial));
  for (const key of initial) heap.push(pairCounts.get(key)!, key);

  const merges: [string, string][] = [];
  while (tokens.length < options.vocabSize && heap.size > 0) {
    const [count, key] = heap.pop();
    const current = pairCounts.get(key) ?? 0;
    if (current !== count) {
      // A stale entry: re-queue the pair at its current count.
      if (current > 0) heap.push(current, key);
      continue;
    }
    if (count < 2) break;

    const left = Math.floor(key / PAIR_BASE);
    const right = key % PAIR_BASE;
    const merged = tokens[left]! + tokens[right]!;
    let mergedId = idsByToken.get(merged);
    if (mergedId === undefined) {
      mergedId = tokens.length;
      tokens.push(merged);
      idsByToken.set(merged, mergedId);
    }
    merges.push([tokens[left]!, tokens[right]!]);

    const changed = new Set<number>();
    for (const wordIndex of wordsByPair.get(key) ?? []) {
      const word = words[wordIndex]!;
      addPairs(wordIndex, -1, changed);
      const next: number[] = [];
      const symbols = word.symbols;
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === left && symbols[i + 1] === right) {
          next.push(mergedId);
          i++;
        } else {
          next.push(symbols[i]!);
        }
      }
      word.symbols = next;
      addPairs(wordIndex, 1, changed);
    }
    wordsByPair.delete(key);
    for (const changedKey of changed) {
      const changedCount = pairCounts.get(changedKey)!;
      if (changedCount > 0) heap.push(changedCount, changedKey);
    }
  }

  return {
    format: BPE_FORMAT,
    version: BPE_FORMAT_VERSION,
    specialTokens: options.specialTokens,
    unknownToken: options.unknownToken,
    tokens,
    merges,
  };
}

/** Counts the words of many texts, as `learnBpe` takes them. */
export function countWords(
  texts: Iterable<string>,
  splitWords: (text: string) => readonly Word[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of splitWords(text)) counts.set(word.text, (counts.get(word.text) ?? 0) + 1);
  }
  return counts;
}
