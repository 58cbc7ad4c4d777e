import { type SpecWarning, SpecWarningCode } from './warnings.js';

/** A value and the document it sits in, so the `$ref`s inside it resolve against the right base. */
export interface Located<T = unknown> {
  value: T;
  /** The URL (or `root:` id) of the document that holds `value`. */
  doc: string;
}

/** Fetches a remote document a `$ref` points to; returns its text (JSON or YAML) or the parsed value. */
export type FetchRef = (url: string) => Promise<unknown>;

/** The id of the root document when the spec was given without a URL. */
export const ROOT_DOC = 'root:';

type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string {
  let text = segment;
  try {
    text = decodeURIComponent(segment);
  } catch {
    // A stray % is kept as written.
  }
  return text.replaceAll('~1', '/').replaceAll('~0', '~');
}

/**
 * Resolves `$ref`s on demand, against documents loaded up front. Lookups are cached by absolute ref, and a
 * chain of refs that loops back on itself resolves to nothing instead of spinning.
 */
export class RefResolver {
  readonly #docs: Map<string, unknown>;
  readonly #cache = new Map<string, Located | null>();
  #warnings: SpecWarning[];
  #warned = new Set<string>();

  constructor(docs: Map<string, unknown>, warnings: SpecWarning[]) {
    this.#docs = docs;
    this.#warnings = warnings;
  }

  /**
   * Sends the warnings of later lookups to another list (each build collects its own), each ref warned once
   * per list.
   */
  useWarnings(warnings: SpecWarning[]): void {
    this.#warnings = warnings;
    this.#warned = new Set();
  }

  /**
   * The absolute form of a ref (`<doc>#<pointer>`), used as its identity for caching and cycle checks.
   *
   * @returns null when a relative ref has no absolute document to resolve against
   */
  absolute(ref: string, doc: string): string | null {
    const hash = ref.indexOf('#');
    const target = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? '' : ref.slice(hash + 1);
    if (target === '') return `${doc}#${pointer}`;
    const url = resolveUrl(target, doc);
    return url === null ? null : `${url}#${pointer}`;
  }

  /** Looks up one ref, without following a `$ref` it lands on. Unresolvable refs warn once and return null. */
  lookup(ref: string, doc: string): Located | null {
    const key = this.absolute(ref, doc);
    if (key === null) return this.#miss(ref, `${ref} is relative, but the spec has no URL to resolve it against`);
    if (this.#cache.has(key)) return this.#cache.get(key) ?? this.#miss(key, `${ref} points to nothing`);
    const hash = key.lastIndexOf('#');
    const docId = key.slice(0, hash);
    let value = this.#docs.get(docId);
    const pointer = key.slice(hash + 1);
    let found = value !== undefined;
    if (found && pointer !== '') {
      for (const raw of pointer.replace(/^\//, '').split('/')) {
        const segment = decodeSegment(raw);
        if (Array.isArray(value) && /^\d+$/.test(segment)) value = value[Number(segment)];
        else if (isObject(value) && Object.hasOwn(value, segment)) value = value[segment];
        else value = undefined;
        if (value === undefined) {
          found = false;
          break;
        }
      }
    }
    const result = found ? { value, doc: docId } : null;
    this.#cache.set(key, result);
    if (!result) this.#miss(key, `${ref} points to nothing`);
    return result;
  }

  /**
   * Follows `$ref`s until it reaches a value that is not one.
   *
   * @returns the value with its document, and the absolute ref it came through (null for an inline value);
   *   an unresolvable or self-referencing chain gives `{ value: undefined }`
   */
  deref(value: unknown, doc: string): Located & { ref: string | null } {
    let current: Located = { value, doc };
    let ref: string | null = null;
    const seen = new Set<string>();
    while (isObject(current.value) && typeof current.value.$ref === 'string') {
      const key = this.absolute(current.value.$ref, current.doc);
      if (key === null || seen.has(key)) {
        if (key !== null) this.#miss(key, `${key} refers to itself`);
        return { value: undefined, doc: current.doc, ref: key };
      }
      seen.add(key);
      ref = key;
      const next = this.lookup(current.value.$ref, current.doc);
      if (!next) return { value: undefined, doc: current.doc, ref };
      current = next;
    }
    return { ...current, ref };
  }

  #miss(ref: string, message: string): null {
    if (!this.#warned.has(ref)) {
      this.#warned.add(ref);
      this.#warnings.push({ code: SpecWarningCode.UnresolvedRef, message });
    }
    return null;
  }
}

/** Resolves a URL reference against a document id; null when it cannot be made absolute. */
export function resolveUrl(target: string, doc: string): string | null {
  try {
    return new URL(target, doc === ROOT_DOC ? undefined : doc).href;
  } catch {
    return null;
  }
}

/**
 * Collects the documents (other than `doc` itself) that `$ref`s in a value point to, without recursion so
 * deep or self-referencing (YAML alias) structures cannot blow the stack.
 */
export function remoteRefTargets(root: unknown, doc: string): Set<string> {
  const targets = new Set<string>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null || seen.has(value)) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string' && !item.startsWith('#')) {
        const hash = item.indexOf('#');
        const url = resolveUrl(hash === -1 ? item : item.slice(0, hash), doc);
        if (url !== null && url !== doc) targets.add(url);
      } else if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return targets;
}
