import {
  HTTP_METHODS,
  type SecurityRequirement,
  type SpecDocument,
  type SpecOperation,
  type SpecParameter,
  type SpecServer,
} from './model.js';
import { isObject, type Located, type RefResolver } from './refs.js';
import { pointerSegment, type SpecWarning } from './warnings.js';

/** What a version-specific normaliser works from. */
export interface NormalizeContext {
  root: Record<string, unknown>;
  doc: string;
  refs: RefResolver;
  warnings: SpecWarning[];
}

/** The part of a {@link SpecDocument} a normaliser produces. */
export type NormalizedParts = Pick<
  SpecDocument,
  'info' | 'servers' | 'securitySchemes' | 'security' | 'tags' | 'operations' | 'webhooks'
>;

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Spreads `{ [key]: value }` only when value is defined, for `exactOptionalPropertyTypes`. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Tags of an operation: its strings only. */
export function tagList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((tag): tag is string => typeof tag === 'string' && tag !== '') : [];
}

/** The top-level tag declarations. */
export function declaredTags(value: unknown): { name: string; description?: string }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((tag) =>
    isObject(tag) && typeof tag.name === 'string'
      ? [{ name: tag.name, ...optional('description', text(tag.description)) }]
      : [],
  );
}

/** Security requirements as `{ scheme: scopes }` objects. */
export function securityList(value: unknown): SecurityRequirement[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter(isObject)
    .map((requirement) =>
      Object.fromEntries(Object.entries(requirement).map(([name, scopes]) => [name, tagList(scopes)])),
    );
}

/** OpenAPI 3 server objects. */
export function serverList(value: unknown): SpecServer[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((server) => {
    if (!isObject(server) || typeof server.url !== 'string') return [];
    const variables: SpecServer['variables'] = {};
    if (isObject(server.variables)) {
      for (const [name, variable] of Object.entries(server.variables)) {
        if (!isObject(variable)) continue;
        const choices = Array.isArray(variable.enum) ? variable.enum.map(String) : undefined;
        const fallback = variable.default ?? choices?.[0] ?? '';
        variables[name] = {
          default: String(fallback),
          ...optional('enum', choices),
          ...optional('description', text(variable.description)),
        };
      }
    }
    return [{ url: server.url, variables, ...optional('description', text(server.description)) }];
  });
}

const LOCATIONS = new Set(['path', 'query', 'header', 'cookie']);

/**
 * Merges path-level and operation-level parameters (the operation's win, RFC: same name and location),
 * resolving `$ref`s; `convert` turns a resolved parameter into the internal shape or null to drop it.
 */
export function mergeParameters(
  refs: RefResolver,
  lists: Located<unknown>[],
  convert: (parameter: Located<Record<string, unknown>>) => SpecParameter | null,
): SpecParameter[] {
  const merged = new Map<string, SpecParameter>();
  for (const list of lists) {
    if (!Array.isArray(list.value)) continue;
    for (const item of list.value) {
      const resolved = refs.deref(item, list.doc);
      if (!isObject(resolved.value) || typeof resolved.value.name !== 'string') continue;
      const parameter = convert({ value: resolved.value, doc: resolved.doc });
      if (parameter && LOCATIONS.has(parameter.in)) merged.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...merged.values()];
}

/** Calls `visit` for each HTTP method of a path item (after resolving the item's own `$ref`). */
export function eachOperation(
  refs: RefResolver,
  item: Located<unknown>,
  pointer: string,
  visit: (
    operation: Located<Record<string, unknown>>,
    pathItem: Located<Record<string, unknown>>,
    method: (typeof HTTP_METHODS)[number],
    pointer: string,
  ) => SpecOperation | null,
): SpecOperation[] {
  const resolved = refs.deref(item.value, item.doc);
  if (!isObject(resolved.value)) return [];
  const pathItem = { value: resolved.value, doc: resolved.doc };
  const operations: SpecOperation[] = [];
  for (const method of HTTP_METHODS) {
    const operation = resolved.value[method];
    if (!isObject(operation)) continue;
    const built = visit({ value: operation, doc: resolved.doc }, pathItem, method, `${pointer}/${method}`);
    if (built) operations.push(built);
  }
  return operations;
}

/** The common fields of an operation, the same in every version. */
export function operationBasics(
  operation: Record<string, unknown>,
  method: (typeof HTTP_METHODS)[number],
  path: string,
  pointer: string,
): Pick<
  SpecOperation,
  'method' | 'path' | 'tags' | 'deprecated' | 'pointer' | 'operationId' | 'summary' | 'description' | 'security'
> {
  return {
    method,
    path,
    tags: tagList(operation.tags),
    deprecated: operation.deprecated === true,
    pointer,
    ...optional('operationId', text(operation.operationId)),
    ...optional('summary', text(operation.summary)),
    ...optional('description', text(operation.description)),
    ...optional('security', securityList(operation.security)),
  };
}

/** The JSON pointer of a path item. */
export function pathPointer(base: string, path: string): string {
  return `#/${base}/${pointerSegment(path)}`;
}
