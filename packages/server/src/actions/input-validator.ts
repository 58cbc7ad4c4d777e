import type { ValidationIssue } from '@plugboard/shared';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

/** A JSON Schema (2020-12) as connectors store it: any object, checked when compiled. */
export type JsonSchema = Record<string, unknown>;

/** How many subschemas (objects and arrays, nested) one input schema may have: bounds what compiling costs. */
export const MAX_SCHEMA_NODES = 20_000;
/** How deeply one input schema may nest. */
export const MAX_SCHEMA_DEPTH = 64;
/** How many compiled validators one process keeps; the least recently used one goes first. */
export const VALIDATOR_CACHE_SIZE = 500;

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = addFormatsModule.default;

// Connectors are defined by users, so their schemas are untrusted: `strict: false` ignores OpenAPI's own keywords
// (`nullable`, `example`, `x-in`…) and unknown formats (`int32`) the way a spec's authors meant them; a compile
// is synchronous, so a `$ref` that is not inside the schema fails to resolve instead of being fetched; and
// `addUsedSchema: false` keeps one connector's `$id` from becoming another's `$ref` target.
const ajv = new Ajv2020({ allErrors: true, strict: false, addUsedSchema: false, logger: false });
addFormats(ajv);

/** Why an input schema cannot be used; the action cannot run until its connector is fixed. */
export class InputSchemaError extends Error {
  override name = 'InputSchemaError' as const;
}

function checkSize(schema: unknown) {
  let nodes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value: schema, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (value === null || typeof value !== 'object') continue;
    nodes += 1;
    if (nodes > MAX_SCHEMA_NODES) throw new InputSchemaError(`The input schema has over ${MAX_SCHEMA_NODES} parts`);
    if (depth > MAX_SCHEMA_DEPTH)
      throw new InputSchemaError(`The input schema nests deeper than ${MAX_SCHEMA_DEPTH} levels`);
    for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1 });
  }
}

function compile(schema: JsonSchema): ValidateFunction {
  checkSize(schema);
  // A private copy: ajv keys its own cache by the object, which is released right after.
  const copy = structuredClone(schema);
  try {
    return ajv.compile(copy);
  } catch (error) {
    throw new InputSchemaError(`The input schema is not valid: ${(error as Error).message}`);
  } finally {
    ajv.removeSchema(copy);
  }
}

function outsideRef(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key === '$ref' && typeof item === 'string' && !item.startsWith('#')) return item;
    const found = outsideRef(item);
    if (found) return found;
  }
  return undefined;
}

/**
 * What keeps a schema from being used, checked without compiling it (a connector may have 2,000 actions): its
 * size, `$ref`s that point outside it, and its validity against the 2020-12 meta-schema. Undefined when fine.
 */
export function inputSchemaProblem(schema: JsonSchema): string | undefined {
  try {
    checkSize(schema);
  } catch (error) {
    return (error as Error).message;
  }
  const ref = outsideRef(schema);
  if (ref) return `A $ref must point inside the schema (#/…), not to ${ref}`;
  if (!ajv.validateSchema(schema)) return `Not valid JSON Schema: ${ajv.errorsText(ajv.errors, { dataVar: 'input' })}`;
  return undefined;
}

const cache = new Map<string, ValidateFunction>();

/**
 * The validator of a schema, compiled once and kept in a bounded cache keyed by the schema's JSON (equal schemas
 * share one validator, whichever connector they come from).
 *
 * @throws InputSchemaError when the schema is too large, is not valid JSON Schema, or has a `$ref` outside itself
 */
export function inputValidator(schema: JsonSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) {
    // Re-inserting moves it to the end: the Map's order is the eviction order.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const validate = compile(schema);
  cache.set(key, validate);
  if (cache.size > VALIDATOR_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return validate;
}

const pathOf = (prefix: string, pointer: string, child?: string) =>
  [
    prefix,
    ...pointer
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')),
    ...(child === undefined ? [] : [child]),
  ].join('.');

type Params = Record<string, unknown>;

// The messages the console shows under a field, worded as the API's other validation messages are.
const MESSAGES: Record<string, (params: Params) => string> = {
  type: (params) => `Must be ${String(params.type).split(',').join(' or ')}`,
  enum: (params) => `Must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
  const: (params) => `Must be ${JSON.stringify(params.allowedValue)}`,
  pattern: (params) => `Must match ${String(params.pattern)}`,
  format: (params) => `Must be a valid ${String(params.format)}`,
  minLength: (params) => `Must be at least ${String(params.limit)} characters`,
  maxLength: (params) => `Must be at most ${String(params.limit)} characters`,
  minimum: (params) => `Must be at least ${String(params.limit)}`,
  maximum: (params) => `Must be at most ${String(params.limit)}`,
  exclusiveMinimum: (params) => `Must be more than ${String(params.limit)}`,
  exclusiveMaximum: (params) => `Must be less than ${String(params.limit)}`,
  oneOf: () => 'Must match exactly one of the allowed shapes',
  anyOf: () => 'Must match at least one of the allowed shapes',
};

function issueOf(error: ErrorObject, prefix: string): ValidationIssue {
  const params = error.params as Params;
  if (error.keyword === 'required')
    return { path: pathOf(prefix, error.instancePath, String(params.missingProperty)), message: 'Required' };
  if (error.keyword === 'additionalProperties')
    return {
      path: pathOf(prefix, error.instancePath, String(params.additionalProperty)),
      message: error.instancePath === '' ? 'Not an input of this action' : 'Not an allowed property',
    };
  const message =
    MESSAGES[error.keyword]?.(params) ??
    (error.message ?? 'Is not valid').replace(/^./, (first) => first.toUpperCase());
  return { path: pathOf(prefix, error.instancePath), message };
}

// Inside a failed oneOf or anyOf, each branch's complaints contradict the others'; its one summary is clearer.
const insideAlternative = (error: ErrorObject) => /\/(?:oneOf|anyOf)\/\d+\//.test(error.schemaPath);

/**
 * Checks a value against a JSON Schema (draft 2020-12, with the formats of ajv-formats) and lists every problem
 * with a dotted path under `prefix` (`input.user.email`).
 *
 * @throws InputSchemaError when the schema itself cannot be used
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown, prefix: string): ValidationIssue[] {
  const validate = inputValidator(schema);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  return errors.filter((error) => !insideAlternative(error)).map((error) => issueOf(error, prefix));
}
