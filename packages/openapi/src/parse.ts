import { SpecError, SpecErrorCode } from './errors.js';
import type { SpecDocument, SpecVersion } from './model.js';
import { normalizeSwagger2 } from './normalize-v2.js';
import { normalizeOpenApi3 } from './normalize-v3.js';
import { type FetchRef, isObject, RefResolver, ROOT_DOC, remoteRefTargets } from './refs.js';
import { type SpecWarning, SpecWarningCode } from './warnings.js';
import { readYaml } from './yaml-text.js';

/** Options of {@link parseSpec}. */
export interface ParseOptions {
  /**
   * Where the document came from. Relative `$ref`s, servers and OAuth URLs resolve against it.
   * @example 'https://api.example.com/openapi.json'
   */
  url?: string;
  /**
   * Fetches a remote document a `$ref` points to, returning its text or parsed value. Without it, remote refs
   * stay unresolved (a warning each). The server passes one that goes through its egress policy.
   */
  fetchRef?: FetchRef;
  /**
   * Remote documents by URL, shared between parses so one document is fetched once.
   * @default a new Map per call
   */
  cache?: Map<string, Promise<unknown>>;
  /**
   * How many remote documents one spec may pull in.
   * @default 50
   */
  maxRemoteDocuments?: number;
}

/**
 * Reads a JSON or YAML text into a value.
 *
 * @throws SpecError `invalid_document` when it is neither
 */
export function readDocument(text: string): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed);
    } catch {
      // YAML flow style looks like JSON too; let the YAML parser have a go.
    }
  }
  return readYaml(text);
}

function detectVersion(doc: Record<string, unknown>): { version: SpecVersion; raw: string } {
  const openapi = doc.openapi;
  if (typeof openapi === 'string') {
    if (openapi.startsWith('3.0')) return { version: '3.0', raw: openapi };
    if (/^3\.[1-9]/.test(openapi)) return { version: '3.1', raw: openapi };
  }
  if (String(doc.swagger) === '2.0') return { version: '2.0', raw: '2.0' };
  const found = typeof openapi === 'string' ? `openapi ${openapi}` : doc.swagger ? `swagger ${doc.swagger}` : 'none';
  throw new SpecError(
    SpecErrorCode.UnsupportedVersion,
    `Expected OpenAPI 3.0, 3.1 or Swagger 2.0; found version ${found}`,
  );
}

async function loadRemote(
  root: unknown,
  rootDoc: string,
  options: ParseOptions,
  warnings: SpecWarning[],
): Promise<Map<string, unknown>> {
  const docs = new Map<string, unknown>([[rootDoc, root]]);
  const { fetchRef } = options;
  const cache = options.cache ?? new Map<string, Promise<unknown>>();
  const limit = options.maxRemoteDocuments ?? 50;
  let pending = [...remoteRefTargets(root, rootDoc)];
  while (pending.length > 0) {
    const batch = pending.filter((url) => !docs.has(url));
    pending = [];
    await Promise.all(
      batch.map(async (url) => {
        if (docs.has(url)) return;
        if (!fetchRef) {
          warnings.push({ code: SpecWarningCode.UnresolvedRef, message: `${url} is remote and no fetchRef was given` });
          docs.set(url, undefined);
          return;
        }
        if (docs.size > limit) {
          warnings.push({ code: SpecWarningCode.UnresolvedRef, message: `${url} is past ${limit} remote documents` });
          docs.set(url, undefined);
          return;
        }
        docs.set(url, undefined);
        let loading = cache.get(url);
        if (!loading) {
          loading = fetchRef(url).then((body) => (typeof body === 'string' ? readDocument(body) : body));
          cache.set(url, loading);
        }
        try {
          const value = await loading;
          docs.set(url, value);
          pending.push(...remoteRefTargets(value, url));
        } catch (error) {
          warnings.push({
            code: SpecWarningCode.UnresolvedRef,
            message: `Could not fetch ${url}: ${(error as Error).message ?? String(error)}`,
          });
        }
      }),
    );
  }
  for (const [url, value] of docs) if (value === undefined) docs.delete(url);
  return docs;
}

/**
 * Parses an OpenAPI 3.0, 3.1 or Swagger 2.0 document (JSON or YAML text, or an already parsed object) into
 * one internal shape. Remote `$ref` documents are fetched up front through `fetchRef` (once each, cached);
 * local refs resolve lazily while a draft is built, and circular ones are cut rather than followed.
 *
 * @param input - the document's text, or its parsed value
 * @param options - where it came from and how to fetch remote refs
 * @returns the normalised document; what it could not read is in `warnings`
 * @throws SpecError `invalid_document` for unreadable text, `unsupported_version` for other formats
 * @example
 * ```ts
 * const spec = await parseSpec(yamlText, { url: 'https://api.example.com/openapi.yaml', fetchRef });
 * const draft = buildConnectorDraft(spec);
 * ```
 */
export async function parseSpec(input: string | object, options: ParseOptions = {}): Promise<SpecDocument> {
  const root = typeof input === 'string' ? readDocument(input) : input;
  if (!isObject(root)) throw new SpecError(SpecErrorCode.InvalidDocument, 'The document is not a JSON/YAML object');
  const { version, raw } = detectVersion(root);
  const warnings: SpecWarning[] = [];
  const rootDoc = options.url ?? ROOT_DOC;
  const docs = await loadRemote(root, rootDoc, options, warnings);
  const refs = new RefResolver(docs, warnings);
  const context = { root, doc: rootDoc, refs, warnings };
  const normalized = version === '2.0' ? normalizeSwagger2(context) : normalizeOpenApi3(context);
  return {
    ...normalized,
    version,
    rawVersion: raw,
    ...(options.url === undefined ? {} : { sourceUrl: options.url }),
    refs,
    warnings,
  };
}
