import type { ActionDefinition, ValidationIssue } from '@plugboard/shared';
import { DomainError } from '../services/domain-error.js';
import { joinApiPath } from './api-url.js';
import { type JsonSchema, validateJsonSchema } from './json-schema.js';

/** A request built from an action and its input, before credentials. */
export interface BuiltRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

type Location = 'path' | 'query' | 'header' | 'body';

const scalar = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * Validates an action's input against its schema and builds the request: `x-in: path` values fill the
 * template (encoded, so they cannot add segments), `query` and `header` values go where they say, the rest
 * into a JSON body (into the query for GET and DELETE).
 *
 * @throws DomainError validation_failed with issue paths `input.<field>`
 * @throws DomainError path_not_allowed
 */
export function buildActionRequest(action: ActionDefinition, base: URL, input: Record<string, unknown>): BuiltRequest {
  const schema = { ...action.input, additionalProperties: false } as JsonSchema;
  const issues: ValidationIssue[] = validateJsonSchema(schema, input, 'input');
  const properties = action.input.properties as Record<string, { 'x-in'?: Location }>;
  const pathValues = new Map<string, string>();
  for (const [name, value] of Object.entries(input)) {
    if (properties[name]?.['x-in'] !== 'path') continue;
    const text = scalar(value);
    if (text === '' || text === '.' || text === '..')
      issues.push({ path: `input.${name}`, message: 'Must be a path segment' });
    pathValues.set(name, encodeURIComponent(text));
  }
  for (const [, name] of action.path.matchAll(/\{([^}]+)\}/g)) {
    if (!pathValues.has(name as string) && !issues.some((issue) => issue.path === `input.${name}`)) {
      issues.push({ path: `input.${name}`, message: 'Required' });
    }
  }
  if (issues.length > 0) throw DomainError.validation(issues, 'The action input is not valid');
  const path = action.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValues.get(name) ?? '');
  const url = joinApiPath(base, path, { encoded: true });
  const headers: Record<string, string> = { accept: 'application/json' };
  const body: Record<string, unknown> = {};
  const bodyless = action.method === 'GET' || action.method === 'DELETE';
  for (const [name, value] of Object.entries(input)) {
    const where = properties[name]?.['x-in'] ?? (bodyless ? 'query' : 'body');
    if (where === 'query') {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, scalar(item));
    } else if (where === 'header') headers[name.toLowerCase()] = scalar(value);
    else if (where === 'body') body[name] = value;
  }
  if (bodyless || Object.keys(body).length === 0) return { method: action.method, url, headers };
  headers['content-type'] = 'application/json';
  return { method: action.method, url, headers, body: Buffer.from(JSON.stringify(body)) };
}
