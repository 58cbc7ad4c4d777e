import type {
  SpecCallback,
  SpecEncoding,
  SpecOperation,
  SpecParameter,
  SpecRequestBody,
  SpecSecurityScheme,
  SpecWebhook,
} from './model.js';
import {
  declaredTags,
  eachOperation,
  mergeParameters,
  type NormalizeContext,
  type NormalizedParts,
  operationBasics,
  optional,
  pathPointer,
  securityList,
  serverList,
  text,
} from './normalize-common.js';
import { isObject, type Located, type RefResolver } from './refs.js';
import { pointerSegment } from './warnings.js';

function schemaOf(container: Record<string, unknown>, doc: string): Located | undefined {
  if (container.schema !== undefined) return { value: container.schema, doc };
  if (isObject(container.content)) {
    const first = Object.values(container.content).find(isObject);
    if (first?.schema !== undefined) return { value: first.schema, doc };
  }
  return undefined;
}

function parameter({ value, doc }: Located<Record<string, unknown>>): SpecParameter | null {
  const where = value.in;
  if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie') return null;
  return {
    name: value.name as string,
    in: where,
    required: where === 'path' || value.required === true,
    deprecated: value.deprecated === true,
    ...optional('description', text(value.description)),
    ...optional('schema', schemaOf(value, doc)),
    ...optional('style', text(value.style)),
    ...optional('example', value.example === undefined ? undefined : String(value.example)),
    ...optional('explode', typeof value.explode === 'boolean' ? value.explode : undefined),
  };
}

function encodings(value: unknown): Record<string, SpecEncoding> | undefined {
  if (!isObject(value)) return undefined;
  const result: Record<string, SpecEncoding> = {};
  for (const [name, encoding] of Object.entries(value)) {
    if (!isObject(encoding)) continue;
    result[name] = {
      ...optional('style', text(encoding.style)),
      ...optional('explode', typeof encoding.explode === 'boolean' ? encoding.explode : undefined),
    };
  }
  return result;
}

function requestBody(refs: RefResolver, value: unknown, doc: string): SpecRequestBody | undefined {
  const resolved = refs.deref(value, doc);
  if (!isObject(resolved.value) || !isObject(resolved.value.content)) return undefined;
  const content: SpecRequestBody['content'] = {};
  for (const [type, media] of Object.entries(resolved.value.content)) {
    if (!isObject(media)) continue;
    content[type] = {
      ...optional('schema', media.schema === undefined ? undefined : { value: media.schema, doc: resolved.doc }),
      ...optional('encoding', encodings(media.encoding)),
    };
  }
  return {
    required: resolved.value.required === true,
    content,
    ...optional('description', text(resolved.value.description)),
  };
}

function securityScheme(value: Record<string, unknown>): SpecSecurityScheme {
  const description = optional('description', text(value.description));
  switch (value.type) {
    case 'apiKey':
      return { type: 'apiKey', name: String(value.name ?? ''), in: String(value.in ?? ''), ...description };
    case 'http':
      return {
        type: 'http',
        scheme: String(value.scheme ?? '').toLowerCase(),
        ...optional('bearerFormat', text(value.bearerFormat)),
        ...description,
      };
    case 'oauth2': {
      const flows: Extract<SpecSecurityScheme, { type: 'oauth2' }>['flows'] = {};
      if (isObject(value.flows)) {
        for (const name of ['authorizationCode', 'clientCredentials', 'implicit', 'password'] as const) {
          const flow = value.flows[name];
          if (!isObject(flow)) continue;
          flows[name] = {
            scopes: isObject(flow.scopes)
              ? Object.fromEntries(Object.entries(flow.scopes).map(([k, v]) => [k, String(v ?? '')]))
              : {},
            ...optional('authorizationUrl', text(flow.authorizationUrl)),
            ...optional('tokenUrl', text(flow.tokenUrl)),
            ...optional('refreshUrl', text(flow.refreshUrl)),
          };
        }
      }
      return { type: 'oauth2', flows, ...description };
    }
    case 'openIdConnect':
      return { type: 'openIdConnect', ...optional('openIdConnectUrl', text(value.openIdConnectUrl)), ...description };
    default:
      return { type: 'other', raw: String(value.type), ...description };
  }
}

function operations(context: NormalizeContext, paths: unknown, base: string, nested: boolean): SpecOperation[] {
  const { refs } = context;
  if (!isObject(paths)) return [];
  return Object.entries(paths).flatMap(([path, item]) =>
    eachOperation(
      refs,
      { value: item, doc: context.doc },
      pathPointer(base, path),
      (operation, pathItem, method, pointer) => {
        const value = operation.value;
        const callbacks: SpecCallback[] = [];
        if (!nested && isObject(value.callbacks)) {
          for (const [name, callback] of Object.entries(value.callbacks)) {
            const resolved = refs.deref(callback, operation.doc);
            if (!isObject(resolved.value)) continue;
            for (const [expression, callbackItem] of Object.entries(resolved.value)) {
              const inner = operations(
                { ...context, doc: resolved.doc },
                { [expression]: callbackItem },
                `${pointer.slice(2)}/callbacks/${pointerSegment(name)}`,
                true,
              );
              callbacks.push({ name, expression, operations: inner });
            }
          }
        }
        const servers = serverList(value.servers ?? pathItem.value.servers);
        const body = value.requestBody === undefined ? undefined : requestBody(refs, value.requestBody, operation.doc);
        return {
          ...operationBasics(value, method, path, pointer),
          parameters: mergeParameters(
            refs,
            [
              { value: pathItem.value.parameters, doc: pathItem.doc },
              { value: value.parameters, doc: operation.doc },
            ],
            parameter,
          ),
          callbacks,
          ...optional('requestBody', body),
          ...optional('servers', servers.length > 0 ? servers : undefined),
        };
      },
    ),
  );
}

/** Normalises an OpenAPI 3.0 or 3.1 document. */
export function normalizeOpenApi3(context: NormalizeContext): NormalizedParts {
  const { root, refs } = context;
  const info = isObject(root.info) ? root.info : {};
  const components = isObject(root.components) ? root.components : {};
  const securitySchemes: Record<string, SpecSecurityScheme> = {};
  if (isObject(components.securitySchemes)) {
    for (const [name, scheme] of Object.entries(components.securitySchemes)) {
      const resolved = refs.deref(scheme, context.doc);
      if (isObject(resolved.value)) securitySchemes[name] = securityScheme(resolved.value);
    }
  }
  const webhooks: SpecWebhook[] = [];
  if (isObject(root.webhooks)) {
    for (const [name, item] of Object.entries(root.webhooks)) {
      for (const operation of operations(context, { [name]: item }, 'webhooks', true))
        webhooks.push({ name, operation });
    }
  }
  return {
    info: {
      title: text(info.title) ?? 'Untitled API',
      ...optional('version', text(info.version)),
      ...optional('description', text(info.description)),
    },
    servers: serverList(root.servers),
    securitySchemes,
    security: securityList(root.security) ?? [],
    tags: declaredTags(root.tags),
    operations: operations(context, root.paths, 'paths', false),
    webhooks,
  };
}
