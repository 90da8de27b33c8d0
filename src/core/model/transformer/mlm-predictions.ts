/**
 * Predictions of a Transformer's masked-language-model (MLM) head: the encoder runs on inputs
 * that each contain one [MASK], and the head ranks the vocabulary pieces at that position.
 */
import * as tf from '@tensorflow/tfjs';

import { WORD_START, type BpeTokenizer } from '../../tokenize/subword/bpe-tokenizer.ts';
import { ContentCache } from '../../contentCache.ts';
import { yieldToEventLoop } from '../../explain/batching.ts';
import { matchCase } from '../../explain/replacements.ts';
import { mlmLogitsOf, runEncoder, type EncoderLayers } from './encoder.ts';

/** One model input with a single [MASK] at `maskIndex`. */
export interface MaskedInput {
  ids: number[];
  /** Line kind ids per position for encoders with a line-kind embedding, else null. */
  kinds: number[] | null;
  maskIndex: number;
  /** True when the masked text starts a word, so its pieces carry WORD_START. */
  wordInitial: boolean;
}

/** An encoder with its MLM head and the size of the batches it runs. */
export interface MlmModel {
  encoder: EncoderLayers;
  tokenizer: BpeTokenizer;
  /** Inputs per forward pass; larger requests run in chunks of this size. */
  batchSize: number;
  /** Ranked pieces by masked input and k, so that repeated searches skip the forward pass. */
  rankings: ContentCache<number[]>;
  /** Masked inputs run through the model so far; cache hits do not count. */
  inputsRun: number;
}

/** Returns the cache key of a masked input's ranking of k pieces. */
function rankingKey(input: MaskedInput, k: number): string {
  return `${k}|${input.maskIndex}|${input.ids.join(',')}|${input.kinds?.join('') ?? ''}`;
}

/** A plain word of at least two letters; pieces with digits, symbols or `_` are no words. */
const PLAIN_WORD = /^\p{L}{2,}$/u;

/**
 * Replaces the input positions `first` to `last` (inclusive) by one [MASK]. The mask takes the
 * line kind of the first position. The head predicts one piece per mask, so the prediction
 * is one piece in place of the whole token.
 */
export function maskPositions(
  tokenizer: BpeTokenizer,
  ids: readonly number[],
  kinds: readonly number[] | null,
  first: number,
  last: number,
): MaskedInput {
  const maskId = tokenizer.tokenId('[MASK]');
  const maskedIds = [...ids.slice(0, first), maskId, ...ids.slice(last + 1)];
  const maskedKinds =
    kinds === null ? null : [...kinds.slice(0, first), kinds[first]!, ...kinds.slice(last + 1)];
  const wordInitial = tokenizer.token(ids[first]!).startsWith(WORD_START);
  return { ids: maskedIds, kinds: maskedKinds, maskIndex: first, wordInitial };
}

/** Packs inputs into row-major [rows, length] ids and kinds, padded with id 0 and kind 0. */
function packInputs(inputs: readonly MaskedInput[]): {
  ids: Int32Array;
  kinds: Int32Array | null;
  length: number;
} {
  const length = Math.max(1, ...inputs.map((input) => input.ids.length));
  const ids = new Int32Array(inputs.length * length);
  const withKinds = inputs.some((input) => input.kinds !== null);
  const kinds = withKinds ? new Int32Array(inputs.length * length) : null;
  inputs.forEach((input, row) => {
    ids.set(input.ids, row * length);
    if (kinds !== null) kinds.set(input.kinds ?? [], row * length);
  });
  return { ids, kinds, length };
}

/**
 * Runs the encoder and the MLM head on every input, `model.batchSize` inputs per forward pass.
 * Returns per input the `k` piece ids with the highest logits at its mask, best first.
 */
export async function topMaskedPieces(
  model: MlmModel,
  inputs: readonly MaskedInput[],
  k: number,
  signal?: AbortSignal,
): Promise<number[][]> {
  const topK = Math.min(k, model.tokenizer.vocabSize);
  const keys = inputs.map((input) => rankingKey(input, topK));
  // Rankings of this call by key: cache hits first, so that later evictions cannot lose them.
  const found = new Map<string, number[]>();
  const missingKeys = new Set<string>();
  const missing: MaskedInput[] = [];
  inputs.forEach((input, i) => {
    const key = keys[i]!;
    const cached = model.rankings.get(key);
    if (cached !== undefined) {
      found.set(key, cached);
    } else if (!missingKeys.has(key)) {
      missingKeys.add(key);
      missing.push(input);
    }
  });

  for (let start = 0; start < missing.length; start += model.batchSize) {
    await yieldToEventLoop();
    signal?.throwIfAborted();
    const chunk = missing.slice(start, start + model.batchSize);
    model.inputsRun += chunk.length;
    const { ids, kinds, length } = packInputs(chunk);
    const maskRows = Int32Array.from(chunk, (input, row) => row * length + input.maskIndex);

    const indices = tf.tidy(() => {
      const shape: [number, number] = [chunk.length, length];
      const idTensor = tf.tensor2d(ids, shape, 'int32');
      const kindTensor = kinds === null ? null : tf.tensor2d(kinds, shape, 'int32');
      const { states } = runEncoder(model.encoder, idTensor, kindTensor);
      const dim = states.shape[2]!;
      const maskStates = tf.gather(tf.reshape(states, [-1, dim]), tf.tensor1d(maskRows, 'int32'));
      return tf.topk(mlmLogitsOf(model.encoder, maskStates), topK).indices;
    });
    try {
      const values = await indices.data();
      chunk.forEach((input, row) => {
        const pieces = Array.from(values.subarray(row * topK, (row + 1) * topK));
        const key = rankingKey(input, topK);
        found.set(key, pieces);
        model.rankings.set(key, pieces);
      });
    } finally {
      indices.dispose();
    }
  }

  return keys.map((key) => found.get(key)!);
}

/**
 * Turns ranked piece ids into up to `count` replacement words for `original`. It keeps pieces
 * whose WORD_START matches `wordInitial`, so the replacement fits where the masked text was,
 * and whose text without WORD_START is a plain word. It skips special tokens and `original`
 * in any letter case, lowercases each word and then writes it in the case of `original`.
 */
export function wordsFromPieces(
  tokenizer: BpeTokenizer,
  pieceIds: readonly number[],
  original: string,
  wordInitial: boolean,
  count: number,
): string[] {
  const specialTokens = new Set(tokenizer.json.specialTokens);
  const originalLower = original.toLowerCase();
  const words: string[] = [];

  for (const id of pieceIds) {
    if (words.length >= count) break;
    const piece = tokenizer.token(id);
    if (specialTokens.has(piece)) continue;
    if (piece.startsWith(WORD_START) !== wordInitial) continue;

    const word = piece.replace(WORD_START, '').toLowerCase();
    if (!PLAIN_WORD.test(word) || word === originalLower) continue;

    const cased = matchCase(word, original);
    if (!words.includes(cased)) words.push(cased);
  }
  return words;
}
