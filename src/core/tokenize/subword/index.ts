/** Subword (BPE) tokenizer for the Transformer families: pre-tokenization, encoding, training. */
export {
  BpeTokenizer,
  BPE_FORMAT,
  BPE_FORMAT_VERSION,
  initialSymbols,
  parseBpeTokenizer,
  WORD_START,
  type BpeTokenizerJson,
  type EncodedText,
} from './bpe-tokenizer.ts';
export { countWords, learnBpe, type BpeTrainingOptions } from './bpe-trainer.ts';
export {
  LINE_BREAK_WORD,
  lineWords,
  MAX_WORD_LENGTH,
  textWords,
  type Word,
} from './pretokenize.ts';
