import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { providers } from '@plugboard/catalog';
import { describe, expect, it } from 'vitest';
import {
  InputSchemaError,
  inputValidator,
  MAX_SCHEMA_NODES,
  VALIDATOR_CACHE_SIZE,
  validateJsonSchema,
} from './input-validator.js';

const paths = (schema: Record<string, unknown>, value: unknown) =>
  validateJsonSchema(schema, value, 'input').map((issue) => issue.path);

const contact = {
  type: 'object',
  properties: {
    email: { type: 'string', format: 'email' },
    website: { type: 'string', format: 'uri' },
    born: { type: 'string', format: 'date' },
    owner: { $ref: '#/$defs/user' },
  },
  $defs: { user: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } },
};

describe('action input validation', () => {
  it('accepts a value that fits the schema', () => {
    expect(paths(contact, { email: 'a@example.com', born: '1990-02-03', owner: { id: 3 } })).toEqual([]);
  });

  it.each([
    ['an email that is not one', { email: 'not an email' }, 'input.email', 'Must be a valid email'],
    ['a URI that is not one', { website: 'no scheme' }, 'input.website', 'Must be a valid uri'],
    ['a date that is not one', { born: '1990-13-40' }, 'input.born', 'Must be a valid date'],
  ])('refuses %s (format)', (_, value, path, message) => {
    expect(validateJsonSchema(contact, value, 'input')).toEqual([{ path, message }]);
  });

  it('follows a $ref into $defs and names the nested field', () => {
    expect(validateJsonSchema(contact, { owner: { id: 'x' } }, 'input')).toEqual([
      { path: 'input.owner.id', message: 'Must be integer' },
    ]);
    expect(paths(contact, { owner: {} })).toEqual(['input.owner.id']);
  });

  const destination = {
    type: 'object',
    properties: {
      to: {
        oneOf: [
          { type: 'object', properties: { email: { type: 'string', format: 'email' } }, required: ['email'] },
          { type: 'object', properties: { phone: { type: 'string', pattern: '^\\+' } }, required: ['phone'] },
        ],
      },
    },
  };

  it('holds a value to exactly one branch of a oneOf, with one issue on its path', () => {
    expect(paths(destination, { to: { email: 'a@example.com' } })).toEqual([]);
    expect(validateJsonSchema(destination, { to: { fax: '1' } }, 'input')).toEqual([
      { path: 'input.to', message: 'Must match exactly one of the allowed shapes' },
    ]);
    expect(paths(destination, { to: { email: 'a@example.com', phone: '+1' } })).toEqual(['input.to']);
  });

  it('holds a value to at least one branch of an anyOf', () => {
    const schema = { properties: { id: { anyOf: [{ type: 'integer' }, { type: 'string', pattern: '^c_' }] } } };
    expect(paths(schema, { id: 4 })).toEqual([]);
    expect(paths(schema, { id: 'c_1' })).toEqual([]);
    expect(validateJsonSchema(schema, { id: 'x' }, 'input')).toEqual([
      { path: 'input.id', message: 'Must match at least one of the allowed shapes' },
    ]);
  });

  it('holds a value to every branch of an allOf and names each failure', () => {
    const schema = {
      properties: {
        name: {
          allOf: [
            { type: 'string', minLength: 2 },
            { type: 'string', pattern: '^[a-z]+$' },
          ],
        },
      },
    };
    expect(paths(schema, { name: 'ok' })).toEqual([]);
    expect(validateJsonSchema(schema, { name: 'X' }, 'input')).toEqual([
      { path: 'input.name', message: 'Must be at least 2 characters' },
      { path: 'input.name', message: 'Must match ^[a-z]+$' },
    ]);
  });

  it('lists every problem with the messages the console shows', () => {
    const schema = {
      type: 'object',
      properties: { kind: { enum: ['a', 'b'] }, size: { type: ['integer', 'null'] } },
      required: ['kind'],
      additionalProperties: false,
    };
    expect(validateJsonSchema(schema, { size: 'big', extra: 1 }, 'input')).toEqual([
      { path: 'input.kind', message: 'Required' },
      { path: 'input.extra', message: 'Not an input of this action' },
      { path: 'input.size', message: 'Must be integer or null' },
    ]);
  });

  it('ignores OpenAPI keywords and unknown formats that specs carry', () => {
    const schema = { properties: { n: { type: 'integer', format: 'int32', nullable: true, example: 3 } } };
    expect(paths(schema, { n: 3 })).toEqual([]);
  });

  it('refuses a $ref to a remote URL without fetching it', async () => {
    let requests = 0;
    const server = createServer((_, res) => {
      requests += 1;
      res.end('{"type":"string"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/schema.json`;
    try {
      expect(() => validateJsonSchema({ properties: { a: { $ref: url } } }, { a: 1 }, 'input')).toThrow(
        InputSchemaError,
      );
      // The schema answers any request: had the validator asked for it, the counter would be 1 by now.
      await fetch(url);
      expect(requests).toBe(1);
    } finally {
      server.close();
    }
  });

  it('keeps one schema’s $id from resolving another schema’s $ref', () => {
    validateJsonSchema({ $id: 'https://tenant-a.example/secret', type: 'object' }, {}, 'input');
    expect(() => validateJsonSchema({ $ref: 'https://tenant-a.example/secret' }, {}, 'input')).toThrow(
      /can't resolve reference/,
    );
  });

  it('refuses a schema that is not JSON Schema, and one too large to compile', () => {
    expect(() => inputValidator({ type: 'strnig' })).toThrow(InputSchemaError);
    const wide = { properties: Object.fromEntries(Array.from({ length: MAX_SCHEMA_NODES }, (_, i) => [`p${i}`, {}])) };
    expect(() => inputValidator(wide)).toThrow(/over 20000 parts/);
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 70; i += 1) deep = { properties: { a: deep } };
    expect(() => inputValidator(deep)).toThrow(/deeper than 64/);
  });

  it('compiles a schema once and keeps a bounded number of validators', () => {
    const first = inputValidator({ properties: { n: { const: 'first' } } });
    expect(inputValidator({ properties: { n: { const: 'first' } } })).toBe(first);
    for (let i = 0; i < VALIDATOR_CACHE_SIZE; i += 1) inputValidator({ properties: { n: { const: i } } });
    expect(inputValidator({ properties: { n: { const: 'first' } } })).not.toBe(first);
  });

  it('compiles the input schema of every action of the built-in catalog', () => {
    const inputs = providers.flatMap((provider) => (provider.actions ?? []).map((action) => action.input ?? {}));
    expect(inputs.length).toBeGreaterThan(50);
    for (const input of inputs) expect(() => inputValidator({ ...input, additionalProperties: false })).not.toThrow();
  });
});
