import type {
  SpecEncoding,
  SpecOAuthFlow,
  SpecParameter,
  SpecRequestBody,
  SpecSecurityScheme,
  SpecServer,
} from './model.js';
import {
  declaredTags,
  eachOperation,
  type NormalizeContext,
  type NormalizedParts,
  operationBasics,
  optional,
  pathPointer,
  securityList,
  text,
} from './normalize-common.js';
import { isObject, type Located } from './refs.js';

const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
] as const;

/** A Swagger 2 non-body parameter carries its type inline; this lifts it into a schema. */
function inlineSchema(value: Record<string, unknown>): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const key of SCHEMA_KEYS) if (value[key] !== undefined) schema[key] = value[key];
  if (schema.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  return schema;
}

function server(root: Record<string, unknown>): SpecServer[] {
  const schemes = Array.isArray(root.schemes) ? root.schemes.map(String) : [];
  const scheme = schemes.includes('https') ? 'https' : (schemes[0] ?? 'https');
  const basePath = typeof root.basePath === 'string' ? root.basePath.replace(/\/+$/, '') : '';
  const host = text(root.host);
  // Without a host the API is served where the spec is: a relative URL the builder resolves against it.
  return [{ url: host ? `${scheme}://${host}${basePath}` : basePath || '/', variables: {} }];
}

function securityScheme(value: Record<string, unknown>): SpecSecurityScheme {
  const description = optional('description', text(value.description));
  if (value.type === 'basic') return { type: 'http', scheme: 'basic', ...description };
  if (value.type === 'apiKey') {
    return { type: 'apiKey', name: String(value.name ?? ''), in: String(value.in ?? ''), ...description };
  }
  if (value.type === 'oauth2') {
    const flow: SpecOAuthFlow = {
      scopes: isObject(value.scopes)
        ? Object.fromEntries(Object.entries(value.scopes).map(([k, v]) => [k, String(v ?? '')]))
        : {},
      ...optional('authorizationUrl', text(value.authorizationUrl)),
      ...optional('tokenUrl', text(value.tokenUrl)),
    };
    const names = {
      accessCode: 'authorizationCode',
      implicit: 'implicit',
      password: 'password',
      application: 'clientCredentials',
    } as const;
    const name = names[String(value.flow) as keyof typeof names];
    return { type: 'oauth2', flows: name ? { [name]: flow } : {}, ...description };
  }
  return { type: 'other', raw: String(value.type), ...description };
}

/** Swagger 2's `collectionFormat` as OpenAPI 3's `style` and `explode` (csv is the default). */
function collectionStyle(format: unknown): Pick<SpecParameter, 'style' | 'explode'> {
  if (format === 'multi') return { style: 'form', explode: true };
  if (format === 'ssv') return { style: 'spaceDelimited', explode: false };
  if (format === 'pipes') return { style: 'pipeDelimited', explode: false };
  return { explode: false };
}

interface Parameters {
  parameters: SpecParameter[];
  body?: SpecRequestBody;
}

function parameters(context: NormalizeContext, lists: Located<unknown>[], consumes: string[]): Parameters {
  const merged = new Map<string, Located<Record<string, unknown>>>();
  for (const list of lists) {
    if (!Array.isArray(list.value)) continue;
    for (const item of list.value) {
      const resolved = context.refs.deref(item, list.doc);
      if (isObject(resolved.value) && typeof resolved.value.name === 'string') {
        merged.set(`${resolved.value.in}:${resolved.value.name}`, { value: resolved.value, doc: resolved.doc });
      }
    }
  }
  const result: SpecParameter[] = [];
  let body: SpecRequestBody | undefined;
  const form: Record<string, unknown> = {};
  const formRequired: string[] = [];
  const formEncoding: Record<string, SpecEncoding> = {};
  let hasFile = false;
  for (const { value, doc } of merged.values()) {
    const name = value.name as string;
    if (value.in === 'body') {
      const schema = { schema: { value: value.schema ?? {}, doc } };
      body = {
        required: value.required === true,
        content: Object.fromEntries(
          (consumes.length > 0 ? consumes : ['application/json']).map((type) => [type, schema]),
        ),
        ...optional('description', text(value.description)),
      };
    } else if (value.in === 'formData') {
      hasFile ||= value.type === 'file';
      form[name] = { ...inlineSchema(value), ...optional('description', text(value.description)) };
      if (value.type === 'array') formEncoding[name] = collectionStyle(value.collectionFormat);
      if (value.required === true) formRequired.push(name);
    } else if (value.in === 'path' || value.in === 'query' || value.in === 'header') {
      result.push({
        name,
        in: value.in,
        required: value.in === 'path' || value.required === true,
        deprecated: false,
        schema: { value: inlineSchema(value), doc },
        ...optional('description', text(value.description)),
        ...collectionStyle(value.collectionFormat),
      });
    }
  }
  if (!body && Object.keys(form).length > 0) {
    const type =
      hasFile || consumes.includes('multipart/form-data') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    const schema = {
      type: 'object',
      properties: form,
      ...optional('required', formRequired.length > 0 ? formRequired : undefined),
    };
    const media = { schema: { value: schema, doc: context.doc }, encoding: formEncoding };
    body = { required: formRequired.length > 0, content: { [type]: media } };
  }
  return { parameters: result, ...optional('body', body) };
}

/** Normalises a Swagger 2.0 document. */
export function normalizeSwagger2(context: NormalizeContext): NormalizedParts {
  const { root, refs } = context;
  const info = isObject(root.info) ? root.info : {};
  const globalConsumes = Array.isArray(root.consumes) ? root.consumes.map(String) : [];
  const securitySchemes: Record<string, SpecSecurityScheme> = {};
  if (isObject(root.securityDefinitions)) {
    for (const [name, scheme] of Object.entries(root.securityDefinitions)) {
      const resolved = refs.deref(scheme, context.doc);
      if (isObject(resolved.value)) securitySchemes[name] = securityScheme(resolved.value);
    }
  }
  const paths = isObject(root.paths) ? root.paths : {};
  const operations = Object.entries(paths).flatMap(([path, item]) =>
    eachOperation(
      refs,
      { value: item, doc: context.doc },
      pathPointer('paths', path),
      (operation, pathItem, method, pointer) => {
        const consumes = Array.isArray(operation.value.consumes)
          ? operation.value.consumes.map(String)
          : globalConsumes;
        const { parameters: list, body } = parameters(
          context,
          [
            { value: pathItem.value.parameters, doc: pathItem.doc },
            { value: operation.value.parameters, doc: operation.doc },
          ],
          consumes,
        );
        return {
          ...operationBasics(operation.value, method, path, pointer),
          parameters: list,
          callbacks: [],
          ...optional('requestBody', body),
        };
      },
    ),
  );
  return {
    info: {
      title: text(info.title) ?? 'Untitled API',
      ...optional('version', text(info.version)),
      ...optional('description', text(info.description)),
    },
    servers: server(root),
    securitySchemes,
    security: securityList(root.security) ?? [],
    tags: declaredTags(root.tags),
    operations,
    webhooks: [],
  };
}
