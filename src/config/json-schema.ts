import { z } from 'zod';
import { environmentSchema } from './environment';

/** The JSON Schema of an environment file, committed (editors complete and check fields with it; `npm run check` fails while it is stale). */
export const ENVIRONMENT_SCHEMA_FILE = 'schemas/environment.schema.json';

/**
 * The JSON Schema of what an environment file may hold, generated from the zod schema (input
 * side: fields with defaults are optional). Grammars (DNS names, digests, cron, ...) and
 * cross-field rules stay zod's: the JSON Schema has the fields and their types, enums and defaults.
 * A custom zod type must say its JSON Schema form (`.meta`), else generation fails.
 */
export function environmentJsonSchema(): string {
  // unrepresentable 'any': a custom type becomes {} plus its .meta; untyped() below refuses one without.
  const schema = z.toJSONSchema(environmentSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  const loose = untyped(schema, '');
  if (loose.length > 0) throw new Error(`the JSON Schema would accept anything at ${loose.join(', ')}: give the zod type a JSON Schema form (.meta({ type: ... }))`);
  const titled = { ...schema, title: 'Pipeline Service environment', description: 'An environment file (environments/<name>.yaml, or synth --config FILE). Generated from src/config/ by npm run synth: do not edit.' };
  return `${JSON.stringify(titled, null, 2)}\n`;
}

const SAYS_WHAT = ['type', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'];

/** Paths of the subschemas (below properties, items, additionalProperties) that constrain nothing. */
function untyped(node: unknown, path: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const found = path !== '' && !SAYS_WHAT.some((k) => k in n) ? [path] : [];
  const props = (n.properties ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(props)) found.push(...untyped(v, `${path}.${k}`));
  if (n.items && typeof n.items === 'object') found.push(...untyped(n.items, `${path}[]`));
  if (n.additionalProperties && typeof n.additionalProperties === 'object') found.push(...untyped(n.additionalProperties, `${path}.*`));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(n[k])) (n[k] as unknown[]).forEach((v, i) => found.push(...untyped(v, `${path}(${k}[${i}])`)));
  return found;
}
