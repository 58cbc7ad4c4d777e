import type { ValidationIssue } from '@plugboard/shared';

/** The subset of JSON JsonSchema actions use; anything else in a schema is ignored. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const matchesType = (value: unknown, type: string) =>
  typeOf(value) === type || (type === 'number' && typeOf(value) === 'integer');

function checkScalar(schema: JsonSchema, value: unknown, path: string, issues: ValidationIssue[]) {
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength)
      issues.push({ path, message: `Must be at least ${schema.minLength} characters` });
    if (schema.maxLength !== undefined && value.length > schema.maxLength)
      issues.push({ path, message: `Must be at most ${schema.maxLength} characters` });
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
      issues.push({ path, message: `Must match ${schema.pattern}` });
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum)
      issues.push({ path, message: `Must be at least ${schema.minimum}` });
    if (schema.maximum !== undefined && value > schema.maximum)
      issues.push({ path, message: `Must be at most ${schema.maximum}` });
  }
}

/**
 * Checks a value against the JSON JsonSchema subset actions use (type, enum, properties, required,
 * additionalProperties, items, min/maxLength, pattern, minimum/maximum) and lists every problem with a dotted
 * path under `path`. Written here rather than taken from a dependency: the server needs only this much.
 */
export function validateJsonSchema(schema: JsonSchema, value: unknown, path: string, issues: ValidationIssue[] = []) {
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => matchesType(value, type))) {
    issues.push({ path, message: `Must be ${types.join(' or ')}` });
    return issues;
  }
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
    issues.push({ path, message: `Must be one of ${schema.enum.map((option) => JSON.stringify(option)).join(', ')}` });
  }
  checkScalar(schema, value, path, issues);
  if (Array.isArray(value) && schema.items) {
    for (const [index, item] of value.entries()) {
      validateJsonSchema(schema.items as JsonSchema, item, `${path}.${index}`, issues);
    }
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    for (const name of schema.required ?? []) {
      if (record[name] === undefined) issues.push({ path: `${path}.${name}`, message: 'Required' });
    }
    for (const [name, item] of Object.entries(record)) {
      const property = schema.properties?.[name];
      if (property) validateJsonSchema(property, item, `${path}.${name}`, issues);
      else if (schema.additionalProperties === false)
        issues.push({ path: `${path}.${name}`, message: 'Not an input of this action' });
    }
  }
  return issues;
}
