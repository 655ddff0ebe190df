export * from './check';
export * from './duplicates';
export * from './exceptions';
export * from './load';
export * from './policy';
export * from './schema';
export * from './types';
export { RULES } from './rules';
export type { RuleId, PolicyRule, Violation } from './rules';
