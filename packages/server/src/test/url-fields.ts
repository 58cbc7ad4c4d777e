// Finds every URL-typed field of a request body in the OpenAPI document the server publishes, so a test
// can aim bad URLs at each one, including fields added after the test was written.

/** The part of JSON Schema that zod's `toJSONSchema` emits for request bodies. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One URL field: where it sits, and a body that puts a value there (with the discriminators that reach it). */
export interface UrlField {
  /** Dotted path as validation issues name it, e.g. `authMethods.0.tokenUrl`. */
  path: string;
  bodyWith(value: unknown): unknown;
}

type Place = { path: (string | number)[]; build(value: unknown): unknown };

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const [, where, name] = schema.$ref?.match(/^#\/(\$defs|components\/schemas)\/(.+)$/) ?? [];
  if (schema.$ref && !name) throw new Error(`Unsupported $ref ${schema.$ref}`);
  if (!name) return schema;
  return resolve((where === '$defs' ? root.$defs : root.components?.schemas)?.[name] ?? {}, root);
}

/** Properties fixed by `const` (discriminators such as `kind`), which select the branch a field lives in. */
function constants(schema: JsonSchema): Record<string, unknown> {
  const fixed = Object.entries(schema.properties ?? {}).filter(([, property]) => property.const !== undefined);
  return Object.fromEntries(fixed.map(([name, property]) => [name, property.const]));
}

function places(raw: JsonSchema, root: JsonSchema, seen: Set<JsonSchema>): Place[] {
  const schema = resolve(raw, root);
  if (seen.has(schema)) return [];
  const inner = new Set(seen).add(schema);
  if (schema.format === 'uri') return [{ path: [], build: (value) => value }];
  const found: Place[] = [];
  for (const branch of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    found.push(...places(branch, root, inner));
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    for (const place of places(property, root, inner)) {
      found.push({
        path: [name, ...place.path],
        build: (value) => ({ ...constants(schema), [name]: place.build(value) }),
      });
    }
  }
  if (typeof schema.additionalProperties === 'object') {
    for (const place of places(schema.additionalProperties, root, inner)) {
      found.push({ path: ['key', ...place.path], build: (value) => ({ key: place.build(value) }) });
    }
  }
  if (schema.items) {
    for (const place of places(schema.items, root, inner)) {
      found.push({ path: [0, ...place.path], build: (value) => [place.build(value)] });
    }
  }
  return found;
}

/**
 * Every URL-typed (`format: uri`) field of a request body schema, through objects, arrays, records, unions and
 * `$ref`s into `$defs` or, given the document as `root`, its `components.schemas`.
 */
export function urlFieldsOf(schema: JsonSchema, root: JsonSchema = schema): UrlField[] {
  const unique = new Map<string, UrlField>();
  for (const place of places(schema, root, new Set())) {
    const path = place.path.join('.');
    if (!unique.has(path)) unique.set(path, { path, bodyWith: place.build });
  }
  return [...unique.values()];
}
