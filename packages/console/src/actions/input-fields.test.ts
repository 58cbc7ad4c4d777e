import { describe, expect, it } from 'vitest';
import { fieldsOf, initialValues, issuesOnFields, readInput } from './input-fields.js';

const schema = {
  type: 'object',
  required: ['id', 'tags', 'kind'],
  properties: {
    id: { type: 'string', title: 'Contact ID', 'x-in': 'path' },
    limit: { type: 'integer', default: 10, 'x-in': 'query' },
    ratio: { type: ['number', 'null'] },
    active: { type: 'boolean' },
    kind: { enum: ['person', 'company', 3] },
    tags: { type: 'array', items: { type: 'string' } },
    meta: { type: 'object' },
  },
};

describe('fieldsOf', () => {
  it('reads each property into a control kind, with its label, place and required mark', () => {
    const fields = fieldsOf(schema);
    expect(fields.map(({ name, kind, required, in: where }) => [name, kind, required, where])).toEqual([
      ['id', 'string', true, 'path'],
      ['limit', 'integer', false, 'query'],
      ['ratio', 'number', false, 'body'],
      ['active', 'boolean', false, 'body'],
      ['kind', 'enum', true, 'body'],
      ['tags', 'json', true, 'body'],
      ['meta', 'json', false, 'body'],
    ]);
    expect(fields[0]?.label).toBe('Contact ID');
  });

  it('survives a schema with no properties or a broken one', () => {
    expect(fieldsOf({})).toEqual([]);
    expect(fieldsOf({ properties: 'nope', required: 'id' })).toEqual([]);
  });
});

describe('readInput', () => {
  const fields = fieldsOf(schema);

  it('starts from the defaults', () => {
    expect(initialValues(schema, fields)).toMatchObject({ id: '', limit: '10', kind: '' });
  });

  it('leaves out empty optional fields and converts the rest to their types', () => {
    const read = readInput(fields, {
      id: 'c_42',
      limit: '25',
      ratio: '',
      active: 'true',
      kind: '2',
      tags: '["a", "b"]',
      meta: '',
    });
    expect(read.errors).toEqual({});
    expect(read.input).toEqual({ id: 'c_42', limit: 25, active: true, kind: 3, tags: ['a', 'b'] });
  });

  it('marks missing required fields, non-numbers, fractions and bad JSON', () => {
    const read = readInput(fields, { id: ' ', limit: '2.5', ratio: 'abc', kind: '', tags: '[1,', meta: '[1]' });
    expect(read.errors.id).toBe('Required');
    expect(read.errors.limit).toBe('Enter a whole number');
    expect(read.errors.ratio).toBe('Enter a number');
    expect(read.errors.kind).toBe('Choose a value');
    expect(read.errors.tags).toMatch(/^Not valid JSON: /);
    expect(read.errors.meta).toBe('Enter a JSON object, e.g. {"name": "Ada"}');
  });
});

describe('issuesOnFields', () => {
  it('puts input.<field> issues on their fields and keeps the others apart', () => {
    expect(
      issuesOnFields(
        { 'input.id': 'Too short', 'input.tags.0': 'Must be a string', connectionId: 'Unknown' },
        fieldsOf(schema),
      ),
    ).toEqual({ fields: { id: 'Too short', tags: '0: Must be a string' }, rest: ['connectionId: Unknown'] });
  });
});
