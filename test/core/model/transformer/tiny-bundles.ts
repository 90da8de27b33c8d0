/** In-memory bundles of tiny, untrained Transformer models, loaded through the real pipeline. */
import { buildGenericModel } from '../../../../src/core/model/transformer/generic-model.ts';
import {
  buildSuperPerforatorModel,
} from '../../../../src/core/model/transformer/superperforator-model.ts';
import type { BundleBytes } from '../../../../src/core/model/types.ts';
import { assembleBundle, type BundleDraft } from '../../../../src/node/bundleFiles.ts';
import {
  tinyArchitecture,
  tinySequenceTokenizer,
  tinyWindowTokenizer,
} from '../../../train/tiny-transformers.ts';
import { testBundleDraft } from '../testDraft.ts';

export const TINY_WINDOW_SETTINGS = {
  tokenizerFile: 'tokenizer.json',
  windowLength: 48,
  maxPathTokens: 8,
  maxSectionTokens: 6,
};

function draft(family: 'transformer' | 'superperforator', features: object): BundleDraft {
  return testBundleDraft({
    id: `tiny-${family}`,
    family,
    description: 'Tiny untrained model for tests.',
    threshold: 0.5,
    features: { ...features },
  });
}

export async function tinySuperPerforatorBundle(): Promise<BundleBytes> {
  const tokenizer = tinyWindowTokenizer();
  const architecture = tinyArchitecture(true, tokenizer.vocabSize);
  const model = buildSuperPerforatorModel(architecture, 11);
  const bundle = await assembleBundle(
    draft('superperforator', { ...TINY_WINDOW_SETTINGS, architecture }),
    model,
    new Map([['tokenizer.json', JSON.stringify(tokenizer.json)]]),
  );
  model.dispose();
  return bundle;
}

export async function tinyGenericBundle(): Promise<BundleBytes> {
  const tokenizer = tinySequenceTokenizer();
  const architecture = tinyArchitecture(false, tokenizer.vocabSize);
  const model = buildGenericModel(architecture, 12);
  const bundle = await assembleBundle(
    draft('transformer', { tokenizerFile: 'tokenizer.json', maxLength: 48, architecture }),
    model,
    new Map([['tokenizer.json', JSON.stringify(tokenizer.json)]]),
  );
  model.dispose();
  return bundle;
}
