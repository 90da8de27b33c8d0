/**
 * Registries keyed by model family. A family whose model takes one dense feature vector per
 * diff registers a featurizer; a family that needs its own scoring (windowed Transformers with
 * caches) registers a scorer factory, which loadScorer prefers.
 */
import type { Patch } from '../diff/types.ts';
import type { BundleBytes, ChangeMetadata, Scorer } from './types.ts';

/** Turns diffs into the model's dense input rows. */
export interface Featurizer {
  /** Length of one feature row; must equal the model's input size. */
  readonly inputSize: number;
  /**
   * Featurizes a batch into one row-major Float32Array of patches.length x inputSize.
   * `metadata[i]` belongs to `patches[i]`; families that ignore metadata accept none.
   */
  featurize(
    patches: readonly Patch[],
    metadata?: readonly (ChangeMetadata | undefined)[],
  ): Float32Array;
}

export type FeaturizerFactory = (bundle: BundleBytes) => Featurizer;

export type ScorerFactory = (bundle: BundleBytes) => Promise<Scorer>;

const featurizerFactories = new Map<string, FeaturizerFactory>();
const scorerFactories = new Map<string, ScorerFactory>();

/** Registers the featurizer of a dense-input family; a later call replaces an earlier one. */
export function registerFeaturizer(family: string, factory: FeaturizerFactory): void {
  featurizerFactories.set(family, factory);
}

/** Registers a custom scorer for a family; loadScorer uses it before any featurizer. */
export function registerScorerFactory(family: string, factory: ScorerFactory): void {
  scorerFactories.set(family, factory);
}

export function featurizerFactoryFor(family: string): FeaturizerFactory | undefined {
  return featurizerFactories.get(family);
}

export function scorerFactoryFor(family: string): ScorerFactory | undefined {
  return scorerFactories.get(family);
}

/** Lists the families that loadScorer can load, sorted. */
export function registeredFamilies(): string[] {
  return [...new Set([...featurizerFactories.keys(), ...scorerFactories.keys()])].sort();
}
