/**
 * Input of the generic Transformer: the subword token ids of the raw diff text (headers
 * included, no diff-specific tokens), truncated to a fixed maximum length, as CodeBERT-style
 * models read a diff.
 */
import { serializePatch } from '../diff/serialize.ts';
import type { Patch } from '../diff/types.ts';
import type { BpeTokenizer } from '../tokenize/subword/bpe-tokenizer.ts';
import { textWords } from '../tokenize/subword/pretokenize.ts';

/** Special tokens of the generic Transformer vocabulary, in id order; [PAD] must be id 0. */
export const SEQUENCE_SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[MASK]'] as const;

export const SEQUENCE_PAD_ID = 0;

/** Settings of the generic Transformer featurizer, stored in `manifest.features`. */
export interface SubwordSequenceSettings {
  /** Bundle file with the BPE tokenizer JSON. */
  tokenizerFile: string;
  /** Tokens kept from the start of the diff text; later tokens are dropped. */
  maxLength: number;
}

/** Token ids of one diff with the spans of each token in the diff text. */
export interface SubwordSequence {
  ids: number[];
  /** UTF-16 offsets into `serializePatch(patch)`. */
  starts: number[];
  ends: number[];
  /** True when the diff had more than maxLength tokens. */
  truncated: boolean;
}

/** Tokenizes the first maxLength subword tokens of a diff text. */
export function encodeDiffText(
  tokenizer: BpeTokenizer,
  text: string,
  maxLength: number,
): SubwordSequence {
  const encoded = tokenizer.encodeWords(textWords(text), maxLength + 1);
  const truncated = encoded.ids.length > maxLength;
  return {
    ids: encoded.ids.slice(0, maxLength),
    starts: encoded.starts.slice(0, maxLength),
    ends: encoded.ends.slice(0, maxLength),
    truncated,
  };
}

/** Tokenizes a parsed diff through its serialized text. */
export function encodePatchSequence(
  tokenizer: BpeTokenizer,
  patch: Patch,
  maxLength: number,
): SubwordSequence {
  return encodeDiffText(tokenizer, serializePatch(patch), maxLength);
}

/** Packs sequences into a row-major [rows, length] Int32Array padded with SEQUENCE_PAD_ID. */
export function padSequences(sequences: readonly { ids: readonly number[] }[]): {
  ids: Int32Array;
  length: number;
} {
  const length = Math.max(1, ...sequences.map((sequence) => sequence.ids.length));
  const ids = new Int32Array(sequences.length * length);
  sequences.forEach((sequence, row) => ids.set(sequence.ids, row * length));
  return { ids, length };
}
