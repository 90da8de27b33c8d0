/** Display names of the model families, shared by the model picker and the comparison view. */
export const FAMILY_NAMES: Record<string, string> = {
  bow: 'Bag of Words',
  opaque: 'Code-opaque metadata',
  'size-baseline': 'Size baseline',
  transformer: 'Transformer',
  superperforator: 'Diff-aware Transformer',
};
