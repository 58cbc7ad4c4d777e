import type { Located, RefResolver } from './refs.js';
import type { SpecWarning } from './warnings.js';

/** The source formats {@link parseSpec} reads. */
export type SpecVersion = '2.0' | '3.0' | '3.1';

/** HTTP methods a path item can hold, lowercase as in the document. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A server with its variables' defaults and choices. */
export interface SpecServer {
  /** As written, e.g. `https://{region}.example.com/v1`. */
  url: string;
  description?: string;
  variables: Record<string, { default: string; enum?: string[]; description?: string }>;
}

/** An OAuth 2.0 flow: the URLs it uses and the scopes it offers (name to description). */
export interface SpecOAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Record<string, string>;
}

/** A security scheme in one shape for every version (Swagger 2 `securityDefinitions` included). */
export type SpecSecurityScheme =
  | { type: 'apiKey'; name: string; in: string; description?: string }
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | {
      type: 'oauth2';
      flows: Partial<Record<'authorizationCode' | 'clientCredentials' | 'implicit' | 'password', SpecOAuthFlow>>;
      description?: string;
    }
  | { type: 'openIdConnect'; openIdConnectUrl?: string; description?: string }
  | { type: 'other'; raw: string; description?: string };

/** A security requirement: scheme names to the scopes they need. */
export type SecurityRequirement = Record<string, string[]>;

/** A parameter with its `$ref` resolved and (for Swagger 2) its inline type turned into a schema. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  deprecated: boolean;
  schema?: Located;
  /** OpenAPI's `style` as written (Swagger 2's `collectionFormat` mapped to it). */
  style?: string;
  /** The parameter's `example`, as text. */
  example?: string;
  explode?: boolean;
}

/** How one property of a form or multipart body is serialized (OpenAPI's encoding object). */
export interface SpecEncoding {
  style?: string;
  explode?: boolean;
}

/** A request body: media type to schema, and to the encoding of its properties. */
export interface SpecRequestBody {
  required: boolean;
  description?: string;
  content: Record<string, { schema?: Located; encoding?: Record<string, SpecEncoding> }>;
}

/** One operation, in one shape for every version. */
export interface SpecOperation {
  method: HttpMethod;
  path: string;
  operationId?: string;
  summary?: string;
  description?: string;
  tags: string[];
  deprecated: boolean;
  /** Path-level and operation-level parameters merged (the operation's win), `$ref`s resolved. */
  parameters: SpecParameter[];
  requestBody?: SpecRequestBody;
  /** The operation's own requirements; undefined when it inherits the document's. */
  security?: SecurityRequirement[];
  /** Servers set on the path item or the operation, overriding the document's. */
  servers?: SpecServer[];
  /** OpenAPI 3 `callbacks`: each named callback's operations. */
  callbacks: SpecCallback[];
  /** Where it sits in the document, as a JSON pointer. */
  pointer: string;
}

/** A callback an operation registers: its name, URL expression and the requests the API will send. */
export interface SpecCallback {
  name: string;
  expression: string;
  operations: SpecOperation[];
}

/** An OpenAPI 3.1 webhook: requests the API sends on its own, under a name. */
export interface SpecWebhook {
  name: string;
  operation: SpecOperation;
}

/**
 * A parsed document in one internal shape, whatever its version. Schemas stay as written (with their
 * `$ref`s) and are resolved lazily through {@link SpecDocument.refs} when a draft is built.
 */
export interface SpecDocument {
  version: SpecVersion;
  /** The version string as written, e.g. `3.0.3`. */
  rawVersion: string;
  info: { title: string; version?: string; description?: string };
  /** Where the document was loaded from, when known: relative servers and OAuth URLs resolve against it. */
  sourceUrl?: string;
  servers: SpecServer[];
  securitySchemes: Record<string, SpecSecurityScheme>;
  security: SecurityRequirement[];
  /** Tags declared at the top, in order, with their descriptions. */
  tags: { name: string; description?: string }[];
  operations: SpecOperation[];
  webhooks: SpecWebhook[];
  refs: RefResolver;
  /** What parsing left out (unresolved refs, unreadable parts). */
  warnings: SpecWarning[];
}
