/**
 * Registers the built-in model families. A new family adds one registration line here (or in
 * its own module imported here).
 */
import { createBowFeaturizer } from '../features/bowFeaturizer.ts';
import { createOpaqueFeaturizer } from '../features/opaque.ts';
import { createSizeFeaturizer } from '../features/size.ts';
import { registerFeaturizer } from './registry.ts';
import './transformer/register.ts';

registerFeaturizer('bow', createBowFeaturizer);
registerFeaturizer('size-baseline', createSizeFeaturizer);
registerFeaturizer('opaque', createOpaqueFeaturizer);
