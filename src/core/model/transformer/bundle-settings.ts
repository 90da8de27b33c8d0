/**
 * Reading the Transformer families' settings and tokenizer from a bundle, with errors that
 * name the bundle and the invalid field.
 */
import { BundleError } from '../manifest.ts';
import { readBundleJson } from '../bundle.ts';
import type { BundleBytes } from '../types.ts';
import { BpeTokenizer, type BpeTokenizerJson } from '../../tokenize/subword/bpe-tokenizer.ts';
import type { EncoderArchitecture } from './encoder.ts';

const ARCHITECTURE_INTEGERS = [
  'vocabSize',
  'dim',
  'heads',
  'feedForwardDim',
  'blocks',
  'maxLength',
];

/** Reads a positive integer from `manifest.features`, raising a BundleError otherwise. */
export function featureInteger(bundle: BundleBytes, field: string): number {
  const value = bundle.manifest.features[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new BundleError(
      bundle.manifest.id,
      `features.${field} must be a positive integer, got ${JSON.stringify(value)}. ` +
        'Retrain the bundle.',
    );
  }
  return value;
}

/** Reads `manifest.features.architecture`, checking every field. */
export function readArchitecture(bundle: BundleBytes): EncoderArchitecture {
  const raw = bundle.manifest.features.architecture as Record<string, unknown> | undefined;
  if (typeof raw !== 'object' || raw === null) {
    throw new BundleError(
      bundle.manifest.id,
      'features.architecture is missing; it describes the encoder. Retrain the bundle.',
    );
  }
  for (const field of ARCHITECTURE_INTEGERS) {
    const value = raw[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new BundleError(
        bundle.manifest.id,
        `features.architecture.${field} must be a positive integer, got ` +
          `${JSON.stringify(value)}. Retrain the bundle.`,
      );
    }
  }
  if (typeof raw.dropoutRate !== 'number' || typeof raw.lineKinds !== 'boolean') {
    throw new BundleError(
      bundle.manifest.id,
      'features.architecture needs a numeric dropoutRate and a boolean lineKinds. ' +
        'Retrain the bundle.',
    );
  }
  return raw as unknown as EncoderArchitecture;
}

/** Loads the bundle's BPE tokenizer and checks its size against the architecture. */
export function readTokenizer(
  bundle: BundleBytes,
  architecture: EncoderArchitecture,
): BpeTokenizer {
  const file = bundle.manifest.features.tokenizerFile;
  if (typeof file !== 'string') {
    throw new BundleError(
      bundle.manifest.id,
      'features.tokenizerFile is missing; it names the tokenizer JSON file. Retrain the bundle.',
    );
  }

  let tokenizer: BpeTokenizer;
  try {
    tokenizer = new BpeTokenizer(readBundleJson(bundle, file) as BpeTokenizerJson);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(bundle.manifest.id, `${file}: ${(error as Error).message}`);
  }

  if (tokenizer.vocabSize !== architecture.vocabSize) {
    throw new BundleError(
      bundle.manifest.id,
      `${file} has ${tokenizer.vocabSize} tokens, but the model's vocabulary size is ` +
        `${architecture.vocabSize}. They come from different training runs; retrain the bundle.`,
    );
  }
  return tokenizer;
}
