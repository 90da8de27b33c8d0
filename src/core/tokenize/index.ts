export type { Lexeme, LexemeKind, Token } from './types.ts';
export { lexLine } from './lexer.ts';
export { splitIdentifier } from './identifier.ts';
export { bowTokens } from './bow.ts';
export { diffTokens, type DiffToken, type LineTokenizer } from './diffTokens.ts';
