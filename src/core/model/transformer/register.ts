/** Registers the scorer factories of the two Transformer families with the model registry. */
import { registerScorerFactory } from '../registry.ts';
import { loadGenericTransformerScorer } from './generic-scorer.ts';
import { loadSuperPerforatorScorer } from './superperforator-scorer.ts';

registerScorerFactory('transformer', loadGenericTransformerScorer);
registerScorerFactory('superperforator', loadSuperPerforatorScorer);
