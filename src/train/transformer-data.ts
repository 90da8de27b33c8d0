/** Data preparation shared by the Transformer trainers: tokenizer, epoch sampling, step seeds. */
import type { Word } from '../core/tokenize/subword/pretokenize.ts';
import { countWords, learnBpe } from '../core/tokenize/subword/bpe-trainer.ts';
import type { BpeTokenizerJson } from '../core/tokenize/subword/bpe-tokenizer.ts';
import { hashName } from '../core/model/layers/seeded-dropout.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/**
 * Characters seen fewer times in the train diffs encode as [UNK]. On perf-commits-v1 a cut
 * of 20 keeps 197 symbols and leaves about 95 unknown tokens in the 3 million val tokens.
 */
export const MIN_CHAR_COUNT = 20;

/** Learns a BPE vocabulary from texts, split into words by `splitWords`. */
export function learnTokenizer(
  texts: Iterable<string>,
  splitWords: (text: string) => readonly Word[],
  specialTokens: readonly string[],
  vocabSize: number,
  minCharCount = MIN_CHAR_COUNT,
): BpeTokenizerJson {
  return learnBpe(countWords(texts, splitWords), {
    vocabSize,
    specialTokens: [...specialTokens],
    unknownToken: '[UNK]',
    minCharCount,
  });
}

/** Returns a generator seeded by the run seed, a stage name and an index (step or epoch). */
export function stepRandom(seed: number, stage: string, index: number): () => number {
  const mixed = Math.imul(seed, 2654435761) ^ hashName(stage) ^ Math.imul(index, 40503);
  return seededRandom(mixed >>> 0);
}

/**
 * Row indexes of one fine-tuning epoch: every positive and a fresh sample of
 * `negativesPerPositive` negatives per positive (all negatives when there are fewer), shuffled.
 * The size is the same in every epoch, so a step index maps to a fixed epoch and batch.
 */
export function epochRows(
  labels: ArrayLike<number>,
  negativesPerPositive: number,
  seed: number,
  epoch: number,
): number[] {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);

  const random = stepRandom(seed, 'epoch', epoch);
  const sampleSize = Math.min(negatives.length, negativesPerPositive * positives.length);
  const sampled = shuffleInPlace([...negatives], random).slice(0, sampleSize);
  return shuffleInPlace([...positives, ...sampled], random);
}

/** Number of rows `epochRows` returns for these labels. */
export function epochSize(labels: ArrayLike<number>, negativesPerPositive: number): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  return positives + Math.min(negatives, negativesPerPositive * positives);
}
