import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as shared from '../index.js';
import { apiBaseUrlSchema } from './actions.js';

// Values a refinement may meet after an earlier check already failed; none of them may make a schema throw.
const HOSTILE = ['', 'x', 'http://', '//host/', 'http://a:80:80/', 'constructor', 0, Number.NaN, null, [], {}, [null]];

const schemas = Object.entries(shared).flatMap(([name, value]): [string, z.ZodType][] =>
  value instanceof z.ZodType ? [[name, value]] : [],
);

describe('schema refinements', () => {
  it.each(schemas)('%s returns issues for hostile input instead of throwing', (_, schema) => {
    for (const value of HOSTILE) expect(() => schema.safeParse(value)).not.toThrow();
  });

  it.each(['x', 'http://', '//host/', 'http://127.0.0.1:65536/', 'http://[fe80::1%25lo]/', 'http://a:80:80/'])(
    'refuses the API base URL %j with one issue',
    (value) => {
      const result = apiBaseUrlSchema.safeParse(value);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Must be an http(s) URL']);
    },
  );

  it('still refuses a parseable API base URL with a query', () => {
    const result = apiBaseUrlSchema.safeParse('https://api.example.com/?debug=1');
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Must not hold a user name, password, query or fragment',
    ]);
  });
});
