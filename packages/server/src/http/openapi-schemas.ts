import * as shared from '@plugboard/shared';
import { z } from 'zod';

/** A JSON Schema object as the OpenAPI document holds it. */
export type SchemaObject = Record<string, unknown>;

type Io = 'input' | 'output';

const DEFS_REF = /^#\/\$defs\/(.+)$/;
const COMPONENTS = '#/components/schemas/';

// Every object schema @plugboard/shared exports is a named component, `connectorSchema` as `Connector`: the
// SDK's types carry the same names, and a schema added there is named without a list to keep up to date.
// Scalars (ids, slugs, timestamps) stay inline, where they read better than a reference.
const componentNames = new Map<z.ZodType, string>();
for (const [exported, value] of Object.entries(shared)) {
  const named = value instanceof z.ZodObject || value instanceof z.ZodUnion || value instanceof z.ZodIntersection;
  // The error body is the document's own `Error`, and query schemas become parameters.
  if (!named || !exported.endsWith('Schema') || /(?:Query|errorBody)Schema$/.test(exported)) continue;
  componentNames.set(
    value,
    exported.replace(/Schema$/, '').replace(/^./, (first) => first.toUpperCase()),
  );
}

// zod extracts a schema into `$defs` when its metadata has an `id`; this registry gives the components theirs
// while keeping the descriptions and examples the schemas carry in zod's global registry.
class ComponentRegistry extends z.core.$ZodRegistry<z.core.GlobalMeta> {
  override get(schema: z.core.$ZodType): z.core.GlobalMeta | undefined {
    const meta = z.globalRegistry.get(schema);
    const id = componentNames.get(schema as z.ZodType);
    return id ? { ...meta, id } : meta;
  }
}
const registry = new ComponentRegistry();

const convert = (schema: z.ZodType, io: Io, named: boolean): SchemaObject => {
  const { $schema: _, ...json } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    ...(named ? { metadata: registry } : {}),
  }) as SchemaObject;
  return json;
};

function rewriteRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const name = key === '$ref' && typeof item === 'string' ? item.match(DEFS_REF)?.[1] : undefined;
      return [key, name ? `${COMPONENTS}${rename(name)}` : rewriteRefs(item, rename)];
    }),
  );
}

/**
 * Turns the zod schemas of routes into JSON Schema whose shared parts are `$ref`s to `components.schemas`.
 * A component that reads differently as a request body (defaults make fields optional) than as a response gets
 * a second, `…Input` name for the request side.
 */
export class ComponentSchemas {
  private readonly defs: Record<Io, Map<string, SchemaObject>> = { input: new Map(), output: new Map() };

  /** A schema as JSON Schema, its shared parts referenced. */
  reference(schema: z.ZodType, io: Io): SchemaObject {
    const { $defs, ...json } = convert(schema, io, true);
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, SchemaObject>)) {
      this.defs[io].set(name, def);
    }
    return { ...json, 'x-io': io };
  }

  /** A schema inlined whole, as query parameters need it. */
  inline(schema: z.ZodType, io: Io): SchemaObject {
    return convert(schema, io, false);
  }

  private inputName = (name: string) => {
    const output = this.defs.output.get(name);
    const input = this.defs.input.get(name);
    return output && JSON.stringify(output) !== JSON.stringify(input) ? `${name}Input` : name;
  };

  /** Rewrites the references of a value built from {@link reference} results to their component names. */
  resolve<T>(value: T): T {
    const walk = (item: unknown): unknown => {
      if (Array.isArray(item)) return item.map(walk);
      if (item === null || typeof item !== 'object') return item;
      const { 'x-io': io, ...rest } = item as SchemaObject;
      if (io === 'input') return rewriteRefs(rest, this.inputName);
      if (io === 'output') return rewriteRefs(rest, (name) => name);
      return Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, walk(child)]));
    };
    return walk(value) as T;
  }

  /** The `components.schemas` of everything referenced so far, sorted by name. */
  components(): Record<string, SchemaObject> {
    const entries: [string, SchemaObject][] = [
      ...[...this.defs.output].map(([name, def]): [string, SchemaObject] => [
        name,
        rewriteRefs(def, (n) => n) as SchemaObject,
      ]),
      ...[...this.defs.input]
        .filter(([name]) => this.inputName(name) !== name || !this.defs.output.has(name))
        .map(([name, def]): [string, SchemaObject] => [
          this.inputName(name),
          rewriteRefs(def, this.inputName) as SchemaObject,
        ]),
    ];
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  }
}
