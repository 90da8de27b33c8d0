/**
 * `replace-token` suggestions from the masked-language-model (MLM) head of both Transformer
 * families. For each request the provider finds the input positions whose subword pieces
 * overlap the token's span, replaces them by ONE [MASK], runs every masked input through the
 * encoder in batches and turns the best pieces at the mask into words.
 *
 * One [MASK] per token, not one per piece: a suggestion is a single vocabulary piece, and the
 * head was pretrained to predict one piece per [MASK]. Masking each of a token's pieces would
 * give one independent prediction per position, and joining them rarely spells a word.
 *
 * A token gets no suggestions when the model input does not contain it, or when a piece also
 * covers text outside it. BPE pieces span whole words, so `jQuery` is one piece while the
 * identifier splitter makes it `j` and `Query`. A prediction for that piece would replace the
 * whole word, not the token (about 5% of added-line tokens in 40 train diffs).
 *
 * NOTE: the MLM heads of the shipped bundles are close to a frequency prior. A masked `const`
 * ranks about 10th to 17th whether `const` or another token was masked, so suggestions are
 * mostly frequent keywords (`const`, `function`, `if`) and barely depend on the context.
 */
import { ContentCache } from '../../contentCache.ts';
import { lineTextSpans } from '../../diff/serialize.ts';
import type { Patch } from '../../diff/types.ts';
import type { ReplacementProvider, ReplacementRequest } from '../../explain/replacements.ts';
import type { DiffWindow } from '../../features/diff-windows.ts';
import { encodePatchSequence } from '../../features/subword-sequence.ts';
import type { BpeTokenizer } from '../../tokenize/subword/bpe-tokenizer.ts';
import type { EncoderLayers } from './encoder.ts';
import {
  maskPositions,
  topMaskedPieces,
  wordsFromPieces,
  type MaskedInput,
  type MlmModel,
} from './mlm-predictions.ts';

/** Generic Transformer inputs (up to 256 positions) per forward pass. */
const SEQUENCE_BATCH = 32;

/** SuperPerforator windows (up to 128 positions) per forward pass. */
const WINDOW_BATCH = 64;

/**
 * Masked inputs whose rankings a provider keeps, enough for the tokens of several large diffs.
 * An estimate: 4096 entries of about 1 KB of key and 96 piece ids take about 6 MB.
 */
const RANKING_CACHE_ENTRIES = 4096;

/**
 * Pieces ranked per mask before filtering. Most top pieces of a code model are symbols or
 * continuation pieces, which the word filter drops, so this is much larger than `count`.
 */
const PIECES_PER_SUGGESTION = 32;

/** Line of a diff, by file, hunk and line index. */
function lineKey(file: number, hunk: number, line: number): string {
  return `${file}:${hunk}:${line}`;
}

/** A `replace-token` provider that also exposes the raw ranking of the MLM head. */
export interface MlmReplacementProvider extends ReplacementProvider {
  /**
   * Returns per request the `k` piece ids with the highest MLM logits at the token's [MASK],
   * best first, before any filtering. A token that cannot be masked gets an empty list.
   */
  rankPieces(patch: Patch, requests: readonly ReplacementRequest[], k: number): Promise<number[][]>;
  /** Masked inputs run through the model so far; rankings found in the cache do not count. */
  readonly inputsRun: number;
}

/** Returns the masked input of a request's token, or null when the token cannot be masked. */
type TokenLocator = (request: ReplacementRequest) => MaskedInput | null;

/** Ranked pieces at one token's mask, with the word-start flag of the masked pieces. */
interface MaskRanking {
  pieces: number[];
  wordInitial: boolean;
}

/** Masks every request's token, runs the batched prediction and ranks `k` pieces per mask. */
async function rankMasks(
  model: MlmModel,
  requests: readonly ReplacementRequest[],
  locate: TokenLocator,
  k: number,
  signal?: AbortSignal,
): Promise<(MaskRanking | null)[]> {
  const inputs: MaskedInput[] = [];
  const inputIndex = requests.map((request) => {
    const input = locate(request);
    if (input === null) return -1;
    inputs.push(input);
    return inputs.length - 1;
  });

  const ranked = inputs.length === 0 ? [] : await topMaskedPieces(model, inputs, k, signal);
  return inputIndex.map((index) => {
    if (index === -1) return null;
    return { pieces: ranked[index]!, wordInitial: inputs[index]!.wordInitial };
  });
}

/** Builds a provider from a function that prepares the token locator of a diff. */
function mlmProvider(
  model: MlmModel,
  locatorOf: (patch: Patch) => TokenLocator,
): MlmReplacementProvider {
  return {
    get inputsRun() {
      return model.inputsRun;
    },

    async rankPieces(patch, requests, k) {
      const rankings = await rankMasks(model, requests, locatorOf(patch), k);
      return rankings.map((ranking) => ranking?.pieces ?? []);
    },

    async suggest(patch, requests, signal) {
      const maxCount = Math.max(0, ...requests.map((request) => request.count));
      const locate = locatorOf(patch);
      // A request for zero suggestions needs no forward pass.
      const locateCounted: TokenLocator = (request) => (request.count > 0 ? locate(request) : null);
      const k = PIECES_PER_SUGGESTION * maxCount;
      const rankings = await rankMasks(model, requests, locateCounted, k, signal);

      return rankings.map((ranking, i) => {
        if (ranking === null) return [];
        const { site, count } = requests[i]!;
        const { pieces, wordInitial } = ranking;
        return wordsFromPieces(model.tokenizer, pieces, site.before, wordInitial, count);
      });
    },
  };
}

/** Returns the offset of every hunk line's text in `serializePatch(patch)`, by `lineKey`. */
export function lineTextOffsets(patch: Patch): Map<string, number> {
  const spans = lineTextSpans(patch);
  return new Map(spans.map((span) => [lineKey(span.file, span.hunk, span.line), span.start]));
}

/** Returns the first and last index of the spans that overlap [start, end), or null. */
function overlappingRun(
  starts: readonly number[],
  ends: readonly number[],
  start: number,
  end: number,
): { first: number; last: number } | null {
  let first = -1;
  let last = -1;
  for (let i = 0; i < starts.length; i++) {
    if (starts[i]! >= end) break;
    if (ends[i]! <= start) continue;
    if (first === -1) first = i;
    last = i;
  }
  return first === -1 ? null : { first, last };
}

/**
 * Creates the provider of a generic Transformer, whose input is the first `maxLength` subword
 * pieces of the diff text. A token that is cut off by that limit, in whole or in part, gets no
 * suggestions, because the model never reads it and replacing it cannot change the score.
 */
export function genericMlmReplacements(
  tokenizer: BpeTokenizer,
  encoder: EncoderLayers,
  maxLength: number,
): MlmReplacementProvider {
  const rankings = new ContentCache<number[]>(RANKING_CACHE_ENTRIES);
  const model: MlmModel = { encoder, tokenizer, batchSize: SEQUENCE_BATCH, rankings, inputsRun: 0 };

  return mlmProvider(model, (patch) => {
    const sequence = encodePatchSequence(tokenizer, patch, maxLength);
    const offsets = lineTextOffsets(patch);
    const keptEnd = sequence.ends.length === 0 ? 0 : sequence.ends[sequence.ends.length - 1]!;

    return ({ site }) => {
      const { file, hunk, line, start, end } = site.position;
      if (line === null || start === null || end === null) return null;
      const lineOffset = offsets.get(lineKey(file, hunk, line));
      if (lineOffset === undefined) return null;

      const spanStart = lineOffset + start;
      const spanEnd = lineOffset + end;
      if (sequence.truncated && spanEnd > keptEnd) return null;
      const run = overlappingRun(sequence.starts, sequence.ends, spanStart, spanEnd);
      if (run === null) return null;
      const covered = { start: sequence.starts[run.first]!, end: sequence.ends[run.last]! };
      if (covered.start !== spanStart || covered.end !== spanEnd) return null;

      return maskPositions(tokenizer, sequence.ids, null, run.first, run.last);
    };
  });
}

/** A window position whose diff token lies on a given line. */
interface WindowSlot {
  window: number;
  position: number;
  start: number;
  end: number;
}

/** Lists the window positions of every line's pieces, by `lineKey`, in window order. */
function slotsByLine(windows: readonly DiffWindow[]): Map<string, WindowSlot[]> {
  const slots = new Map<string, WindowSlot[]>();
  windows.forEach((window, windowIndex) => {
    window.tokens.forEach((token, position) => {
      if (token === null) return;
      const key = lineKey(token.file, token.hunk, token.line);
      const slot = { window: windowIndex, position, start: token.start, end: token.end };
      const lineSlots = slots.get(key);
      if (lineSlots === undefined) slots.set(key, [slot]);
      else lineSlots.push(slot);
    });
  });
  return slots;
}

/**
 * Creates the provider of a SuperPerforator model, whose input is the windows of the diff.
 * The token is masked in the first window that contains one of its pieces. When a line is
 * split across windows inside the token, only the pieces in that window are masked.
 */
export function superPerforatorMlmReplacements(
  tokenizer: BpeTokenizer,
  encoder: EncoderLayers,
  windowsOf: (patch: Patch) => DiffWindow[],
): MlmReplacementProvider {
  const rankings = new ContentCache<number[]>(RANKING_CACHE_ENTRIES);
  const model: MlmModel = { encoder, tokenizer, batchSize: WINDOW_BATCH, rankings, inputsRun: 0 };

  return mlmProvider(model, (patch) => {
    const windows = windowsOf(patch);
    const slots = slotsByLine(windows);

    return ({ site }) => {
      const { file, hunk, line, start, end } = site.position;
      if (line === null || start === null || end === null) return null;

      const lineSlots = slots.get(lineKey(file, hunk, line)) ?? [];
      const overlapping = lineSlots.filter((slot) => slot.end > start && slot.start < end);
      const firstWindow = overlapping[0]?.window;
      if (firstWindow === undefined) return null;

      const inWindow = overlapping.filter((slot) => slot.window === firstWindow);
      const firstSlot = inWindow[0]!;
      const lastSlot = inWindow[inWindow.length - 1]!;
      if (firstSlot.start !== start || lastSlot.end > end) return null;

      const { ids, kinds } = windows[firstWindow]!;
      return maskPositions(tokenizer, ids, kinds, firstSlot.position, lastSlot.position);
    };
  });
}
