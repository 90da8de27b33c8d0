/**
 * Byte-pair-encoding (BPE) subword tokenizer over pre-tokenized words, with spans.
 *
 * Every word starts with the marker WORD_START on its first symbol, so the model can tell a
 * word-initial piece (`▁get`) from an inner one (`Element`). Characters outside the learned
 * alphabet become the unknown token, one per character. Encoding is deterministic: merges are
 * applied by rank, lowest first, as in Sennrich et al. (ACL 2016).
 */
import { ContentCache } from '../../contentCache.ts';
import { lineWords, textWords, type Word } from './pretokenize.ts';

/** Marker prefixed to the first symbol of every word (U+2581, as SentencePiece writes it). */
export const WORD_START = '\u2581';

/** Format name written into serialized tokenizers. */
export const BPE_FORMAT = 'perflens-bpe';
export const BPE_FORMAT_VERSION = 1;

/** The serialized tokenizer, stored in a model bundle as JSON. */
export interface BpeTokenizerJson {
  format: typeof BPE_FORMAT;
  version: number;
  /** Special tokens such as [PAD] and [MASK], which take ids 0, 1, ... in this order. */
  specialTokens: string[];
  unknownToken: string;
  /** Every token by id: the special tokens, then the alphabet, then merge results. */
  tokens: string[];
  /** Merges in rank order. Each joins two tokens into the token of their concatenation. */
  merges: [string, string][];
}

/** Token ids of a text with their spans (UTF-16 offsets into the encoded text). */
export interface EncodedText {
  ids: number[];
  starts: number[];
  ends: number[];
}

/** An EncodedText shared through a cache, which callers must not change. */
export interface ReadonlyEncodedText {
  readonly ids: readonly number[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

interface EncodedWord {
  ids: number[];
  /** Length in UTF-16 code units of the text each token covers. */
  lengths: number[];
}

/** Word cache entries kept before the cache is cleared (an estimated 10 MB at most). */
const WORD_CACHE_LIMIT = 100_000;

/** Distinct lines whose encoding is cached (an estimated 20 MB at most, at 1 KB per line). */
const LINE_CACHE_LIMIT = 20_000;

function pairKey(left: number, right: number): number {
  return left * 65_536 + right;
}

/** Splits a word into its initial symbols (code points), the first one marked as word start. */
export function initialSymbols(word: string): string[] {
  const symbols = Array.from(word);
  if (symbols.length > 0) symbols[0] = WORD_START + symbols[0];
  return symbols;
}

export class BpeTokenizer {
  readonly vocabSize: number;
  readonly unknownId: number;
  private readonly idsByToken = new Map<string, number>();
  /** Merge by pair key: its rank and the id of the merged token. */
  private readonly mergeByPair = new Map<number, { rank: number; id: number }>();
  private readonly wordCache = new Map<string, EncodedWord>();
  private readonly lineCache = new ContentCache<ReadonlyEncodedText>(LINE_CACHE_LIMIT);

  constructor(readonly json: BpeTokenizerJson) {
    if (json.format !== BPE_FORMAT || json.version !== BPE_FORMAT_VERSION) {
      throw new Error(
        `Tokenizer format ${json.format} version ${json.version} is not supported; ` +
          `expected ${BPE_FORMAT} version ${BPE_FORMAT_VERSION}. Retrain the bundle.`,
      );
    }
    if (json.tokens.length >= 65_536) {
      throw new Error(`Tokenizer has ${json.tokens.length} tokens; the maximum is 65535.`);
    }

    json.tokens.forEach((token, id) => {
      if (!this.idsByToken.has(token)) this.idsByToken.set(token, id);
    });
    this.vocabSize = json.tokens.length;
    this.unknownId = this.tokenId(json.unknownToken);

    json.merges.forEach(([left, right], rank) => {
      const key = pairKey(this.tokenId(left), this.tokenId(right));
      if (!this.mergeByPair.has(key)) {
        this.mergeByPair.set(key, { rank, id: this.tokenId(left + right) });
      }
    });
  }

  /** Returns the id of a token, raising when the vocabulary lacks it. */
  tokenId(token: string): number {
    const id = this.idsByToken.get(token);
    if (id === undefined) {
      throw new Error(
        `Token ${JSON.stringify(token)} is missing from the tokenizer vocabulary ` +
          `(${this.vocabSize} tokens). The tokenizer file is incomplete; retrain the bundle.`,
      );
    }
    return id;
  }

  /** Returns the token text of an id. */
  token(id: number): string {
    const token = this.json.tokens[id];
    if (token === undefined) {
      throw new Error(`Token id ${id} is outside the vocabulary of ${this.vocabSize} tokens.`);
    }
    return token;
  }

  /** Encodes one word into token ids and the length of text each id covers. */
  encodeWord(word: string): EncodedWord {
    const cached = this.wordCache.get(word);
    if (cached !== undefined) return cached;

    const symbols = initialSymbols(word);
    const ids = symbols.map((symbol) => this.idsByToken.get(symbol) ?? this.unknownId);
    const lengths = symbols.map((symbol, i) => (i === 0 ? symbol.length - 1 : symbol.length));

    // Apply the lowest-ranked merge present in the word until no merge applies.
    for (;;) {
      let bestRank = Infinity;
      let bestKey = -1;
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = pairKey(ids[i]!, ids[i + 1]!);
        const merge = this.mergeByPair.get(key);
        if (merge !== undefined && merge.rank < bestRank) {
          bestRank = merge.rank;
          bestKey = key;
        }
      }
      if (bestKey === -1) break;

      const mergedId = this.mergeByPair.get(bestKey)!.id;
      for (let i = 0; i + 1 < ids.length; i++) {
        if (pairKey(ids[i]!, ids[i + 1]!) !== bestKey) continue;
        ids.splice(i, 2, mergedId);
        lengths.splice(i, 2, lengths[i]! + lengths[i + 1]!);
      }
    }

    if (this.wordCache.size >= WORD_CACHE_LIMIT) this.wordCache.clear();
    const encoded = { ids, lengths };
    this.wordCache.set(word, encoded);
    return encoded;
  }

  /**
   * Encodes pre-tokenized words; spans refer to the text the words came from. Stops after the
   * word that reaches `maxTokens`, so the result may hold a few tokens more than that.
   */
  encodeWords(words: readonly Word[], maxTokens = Infinity): EncodedText {
    const encoded: EncodedText = { ids: [], starts: [], ends: [] };
    for (const word of words) {
      if (encoded.ids.length >= maxTokens) break;
      const { ids, lengths } = this.encodeWord(word.text);
      let start = word.start;
      for (let i = 0; i < ids.length; i++) {
        encoded.ids.push(ids[i]!);
        encoded.starts.push(start);
        start += lengths[i]!;
        encoded.ends.push(start);
      }
    }
    return encoded;
  }

  /**
   * Encodes one line without its line ending, as `encodeWords(lineWords(line))` does, and
   * caches the result by line text. Explanation searches re-encode the same lines thousands
   * of times, so this skips the lexer and the merges for every line seen before.
   */
  encodeLine(line: string): ReadonlyEncodedText {
    return this.lineCache.getOrCompute(line, () => this.encodeWords(lineWords(line)));
  }

  /** Encodes multi-line text, with a line-break token at every `\n`. */
  encodeText(text: string): EncodedText {
    return this.encodeWords(textWords(text));
  }
}

/** Parses tokenizer JSON text, naming the file in errors. */
export function parseBpeTokenizer(text: string, fileName: string): BpeTokenizer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Tokenizer file ${fileName} is not valid JSON: ${(error as Error).message}`);
  }

  const candidate = json as Partial<BpeTokenizerJson>;
  if (
    !Array.isArray(candidate.tokens) ||
    !Array.isArray(candidate.merges) ||
    !Array.isArray(candidate.specialTokens) ||
    typeof candidate.unknownToken !== 'string'
  ) {
    throw new Error(
      `Tokenizer file ${fileName} lacks tokens, merges, specialTokens or unknownToken. ` +
        'Retrain the bundle.',
    );
  }
  return new BpeTokenizer(candidate as BpeTokenizerJson);
}
