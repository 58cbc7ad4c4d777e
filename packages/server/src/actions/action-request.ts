import type { ActionDefinition, ValidationIssue } from '@plugboard/shared';
import { DomainError } from '../services/domain-error.js';
import { joinApiPath } from './api-url.js';
import { type BodyField, type EncodedBody, formBody, jsonBody, multipartBody } from './body-encoding.js';
import { InputSchemaError, type JsonSchema, validateJsonSchema } from './input-validator.js';
import {
  encodePairs,
  headerText,
  type InputStyle,
  type Pair,
  pathText,
  queryPairs,
  scalarText,
  type WireFormat,
} from './parameter-encoding.js';

/** A request built from an action and its input, before credentials. */
export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

type Location = 'path' | 'query' | 'header' | 'body';

interface InputProperty {
  'x-in'?: Location;
  'x-name'?: string;
  'x-style'?: InputStyle;
  'x-explode'?: boolean;
  format?: unknown;
}

const wireFormat = (key: string, property: InputProperty | undefined): WireFormat => ({
  name: property?.['x-name'] ?? key,
  style: property?.['x-style'],
  explode: property?.['x-explode'],
});

const ENCODERS: Record<string, (fields: BodyField[]) => EncodedBody> = {
  'application/x-www-form-urlencoded': formBody,
  'multipart/form-data': multipartBody,
};

function checkPath(action: ActionDefinition, input: Record<string, unknown>, issues: ValidationIssue[]) {
  const properties = action.input.properties as Record<string, InputProperty>;
  const pathValues = new Map<string, string>();
  for (const [name, value] of Object.entries(input)) {
    const property = properties[name];
    if (property?.['x-in'] !== 'path') continue;
    const text = scalarText(value);
    if (text === '' || text === '.' || text === '..')
      issues.push({ path: `input.${name}`, message: 'Must be a path segment' });
    pathValues.set(name, pathText(wireFormat(name, property), value));
  }
  for (const [, name] of action.path.matchAll(/\{([^}]+)\}/g)) {
    if (!pathValues.has(name as string) && !issues.some((issue) => issue.path === `input.${name}`)) {
      issues.push({ path: `input.${name}`, message: 'Required' });
    }
  }
  return pathValues;
}

function validateInput(action: ActionDefinition, input: Record<string, unknown>): ValidationIssue[] {
  const schema: JsonSchema = { ...action.input, additionalProperties: false };
  try {
    return validateJsonSchema(schema, input, 'input');
  } catch (error) {
    if (!(error instanceof InputSchemaError)) throw error;
    throw DomainError.validation([{ path: 'action.input', message: error.message }], 'The action cannot run');
  }
}

/**
 * Validates an action's input against its schema and builds the request the way its API reads it (OpenAPI's
 * serialization rules): `x-in: path` values fill the template (encoded, so they cannot add segments), `query`
 * and `header` values go where they say in their `x-style`, the rest into a body (into the query for GET and
 * DELETE) encoded as the input's `x-content-type` says (JSON by default); `x-name` is the name on the wire.
 *
 * @throws DomainError validation_failed with issue paths `input.<field>`
 * @throws DomainError path_not_allowed
 */
export function buildActionRequest(action: ActionDefinition, base: URL, input: Record<string, unknown>): BuiltRequest {
  const issues = validateInput(action, input);
  const pathValues = checkPath(action, input, issues);
  if (issues.length > 0) throw DomainError.validation(issues, 'The action input is not valid');
  // A path parameter's own name may be a placeholder's text too (`{path}`): fill the template once, left to right.
  const path = action.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues.get(name) ?? '');
  const url = joinApiPath(base, path, { encoded: true });
  const properties = action.input.properties as Record<string, InputProperty>;
  const headers: Record<string, string> = { accept: 'application/json' };
  const query: Pair[] = [];
  const fields: BodyField[] = [];
  const bodyless = action.method === 'GET' || action.method === 'DELETE';
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const property = properties[key];
    const format = wireFormat(key, property);
    const where = property?.['x-in'] ?? (bodyless ? 'query' : 'body');
    if (where === 'query') query.push(...queryPairs(format, value));
    else if (where === 'header') headers[format.name.toLowerCase()] = headerText(format, value);
    else if (where === 'body') fields.push({ format, value, binary: property?.format === 'binary' });
  }
  if (query.length > 0) url.search = [url.search.slice(1), encodePairs(query)].filter(Boolean).join('&');
  if (bodyless || fields.length === 0) return { method: action.method, url, headers };
  const encoder = ENCODERS[action.input['x-content-type'] ?? ''] ?? jsonBody;
  const { contentType, body } = encoder(fields);
  headers['content-type'] = contentType;
  return { method: action.method, url, headers, body };
}
