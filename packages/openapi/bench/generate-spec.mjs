/**
 * Generates a large, realistic OpenAPI 3.0 document: many tags, operations with path, query and header
 * parameters, JSON bodies built from shared component schemas (nested, some circular), and long descriptions.
 * Used by the test suite and by `bench/large-spec.mjs`.
 */

const words =
  'account contact deal invoice payment order customer product ticket message channel repository project task user team note file event report'.split(
    ' ',
  );

/** Deterministic pseudo-random numbers, so every run builds the same document. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function paragraph(next, sentences) {
  const parts = [];
  for (let i = 0; i < sentences; i += 1) {
    const length = 8 + Math.floor(next() * 12);
    const sentence = Array.from({ length }, () => words[Math.floor(next() * words.length)]).join(' ');
    parts.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
  }
  return parts.join(' ');
}

/**
 * @param {{ operations?: number, schemas?: number, tags?: number, descriptionSentences?: number }} [options]
 * @returns {Record<string, unknown>} an OpenAPI 3.0.3 document
 */
export function generateLargeSpec(options = {}) {
  const { operations = 1_200, schemas = 300, tags = 40, descriptionSentences = 70 } = options;
  const next = random(42);
  const components = {};
  for (let s = 0; s < schemas; s += 1) {
    const properties = {};
    for (let p = 0; p < 16; p += 1) {
      properties[`field_${p}`] = { type: p % 3 === 0 ? 'integer' : 'string', description: paragraph(next, 2) };
    }
    // Nested refs share structure between schemas; every tenth schema points back at itself.
    if (s > 0) properties.parent = { $ref: `#/components/schemas/Model${Math.floor(next() * s)}` };
    if (s % 10 === 0) properties.children = { type: 'array', items: { $ref: `#/components/schemas/Model${s}` } };
    components[`Model${s}`] = { type: 'object', description: paragraph(next, 3), required: ['field_0'], properties };
  }
  const paths = {};
  const methods = ['get', 'post', 'put', 'patch', 'delete'];
  let count = 0;
  for (let r = 0; count < operations; r += 1) {
    const resource = `${words[r % words.length]}s-${r}`;
    const tag = `Group ${r % tags}`;
    for (const [index, method] of methods.entries()) {
      if (count >= operations) break;
      const path = index % 2 === 0 ? `/v1/${resource}` : `/v1/${resource}/{id}`;
      const parameters = [
        {
          name: 'limit',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: 100 },
          description: paragraph(next, 2),
        },
        { name: 'cursor', in: 'query', schema: { type: 'string' }, description: paragraph(next, 2) },
        { name: 'X-Request-Id', in: 'header', schema: { type: 'string' } },
      ];
      if (path.endsWith('{id}'))
        parameters.unshift({ name: 'id', in: 'path', required: true, schema: { type: 'string' } });
      const operation = {
        operationId: `${method}${resource.replace(/[^a-z0-9]/g, '')}${index}`,
        summary: `${method.toUpperCase()} ${resource}`,
        description: paragraph(next, descriptionSentences),
        tags: [tag],
        parameters,
        responses: {
          200: {
            description: 'OK',
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/Model${Math.floor(next() * schemas)}` } },
            },
          },
        },
      };
      if (method === 'post' || method === 'put' || method === 'patch') {
        operation.requestBody = {
          required: true,
          content: {
            'application/json': { schema: { $ref: `#/components/schemas/Model${Math.floor(next() * schemas)}` } },
          },
        };
      }
      paths[path] ??= {};
      paths[path][method] = operation;
      count += 1;
    }
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Large Generated API', version: '1.0.0', description: paragraph(next, 5) },
    servers: [
      { url: 'https://{region}.api.example.com/v1', variables: { region: { default: 'eu', enum: ['eu', 'us'] } } },
    ],
    tags: Array.from({ length: tags }, (_, t) => ({ name: `Group ${t}`, description: paragraph(next, 1) })),
    components: {
      schemas: components,
      securitySchemes: {
        oauth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.example.com/authorize',
              tokenUrl: 'https://auth.example.com/token',
              scopes: { read: 'Read everything', write: 'Write everything' },
            },
          },
        },
        key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
    security: [{ oauth: ['read'] }],
    paths,
  };
}
