import { isObject, type RefResolver } from './refs.js';

/** Keywords dropped while inlining: documentation-only, or meaningless once refs are gone. */
const DROPPED = new Set([
  'example',
  'examples',
  'xml',
  'externalDocs',
  'discriminator',
  '$defs',
  'definitions',
  '$id',
  '$schema',
  '$anchor',
]);
/** Keywords whose values are data, not schemas: copied as they are. */
const DATA = new Set(['enum', 'const', 'default', 'required', 'type']);

/** A subtree built once and shared, with how many nodes it holds so budgets count it fully. */
interface Memo {
  value: unknown;
  size: number;
}

/** Why a schema was cut, for the builder's warnings. */
export interface InlineReport {
  /** Refs found circular, as absolute refs. */
  circular: Set<string>;
  /** Whether the node budget ran out. */
  budgetSpent: boolean;
}

/**
 * Turns schemas with `$ref`s into self-contained JSON Schema: refs are inlined, a ref met again inside itself
 * becomes `{ "$comment": "circular: ..." }`, and one input stops growing after `budget` nodes. Subtrees free
 * of cycles are built once and shared between every action that uses them, which keeps big specs fast.
 */
export class SchemaInliner {
  readonly #refs: RefResolver;
  readonly #memo = new Map<string, Memo>();
  #budget = 0;
  #cuts = 0;
  #report: InlineReport = { circular: new Set(), budgetSpent: false };

  constructor(refs: RefResolver) {
    this.#refs = refs;
  }

  /**
   * Inlines one schema.
   *
   * @param budget - how many schema nodes the result may hold before it is cut
   */
  inline(schema: unknown, doc: string, budget: number): { schema: Record<string, unknown>; report: InlineReport } {
    this.#budget = budget;
    this.#report = { circular: new Set(), budgetSpent: false };
    const result = this.#node(schema, doc, [], new Set(), 0);
    const value = result.value;
    return { schema: isObject(value) ? value : {}, report: this.#report };
  }

  #node(value: unknown, doc: string, stack: string[], ancestors: Set<object>, depth: number): Memo {
    if (typeof value !== 'object' || value === null) return { value, size: 1 };
    if (this.#budget <= 0 || depth > 64 || ancestors.has(value)) {
      this.#cut();
      if (this.#budget <= 0) this.#report.budgetSpent = true;
      return { value: { $comment: 'cut: schema too large or too deep' }, size: 1 };
    }
    if (Array.isArray(value)) {
      ancestors.add(value);
      let size = 1;
      const items = value.map((item) => {
        const built = this.#node(item, doc, stack, ancestors, depth + 1);
        size += built.size;
        return built.value;
      });
      ancestors.delete(value);
      return { value: items, size };
    }
    const object = value as Record<string, unknown>;
    if (typeof object.$ref === 'string') return this.#ref(object, doc, stack, ancestors, depth);
    ancestors.add(object);
    this.#budget -= 1;
    let size = 1;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(object)) {
      if (DROPPED.has(key) || key.startsWith('x-')) continue;
      if (DATA.has(key) || typeof item !== 'object' || item === null) {
        out[key] = item;
        continue;
      }
      const built = this.#node(item, doc, stack, ancestors, depth + 1);
      size += built.size;
      out[key] = built.value;
    }
    ancestors.delete(object);
    return { value: out, size };
  }

  #ref(object: Record<string, unknown>, doc: string, stack: string[], ancestors: Set<object>, depth: number): Memo {
    const key = this.#refs.absolute(object.$ref as string, doc);
    const siblings = Object.keys(object).filter((name) => name !== '$ref');
    let target: Memo;
    if (key !== null && stack.includes(key)) {
      this.#cut();
      this.#report.circular.add(key);
      const name = key.slice(key.lastIndexOf('/') + 1);
      target = { value: { $comment: `circular: ${name}` }, size: 1 };
    } else {
      const memo = key === null ? undefined : this.#memo.get(key);
      if (memo && memo.size <= this.#budget) {
        this.#budget -= memo.size;
        target = memo;
      } else {
        const resolved = this.#refs.deref(object, doc);
        const cutsBefore = this.#cuts;
        target = this.#node(
          resolved.value ?? {},
          resolved.doc,
          key === null ? stack : [...stack, key],
          ancestors,
          depth + 1,
        );
        // Only a subtree built without any cut is the same wherever it is used.
        if (key !== null && this.#cuts === cutsBefore) this.#memo.set(key, target);
      }
    }
    if (siblings.length === 0) return target;
    const extra = this.#node(
      Object.fromEntries(siblings.map((name) => [name, object[name]])),
      doc,
      stack,
      ancestors,
      depth,
    );
    return {
      value: { ...(isObject(target.value) ? target.value : {}), ...(extra.value as Record<string, unknown>) },
      size: target.size + extra.size,
    };
  }

  #cut(): void {
    this.#cuts += 1;
  }
}
