import { describe, expect, it } from 'vitest';
import { connectorCreateSchema } from './schemas/connectors.js';
import { publicVariables, variableUsageIssues } from './schemas/variables.js';
import { effectivePattern, fillUrlTemplate, isSafePattern, placesOf, variableValueProblem } from './variables.js';

const shop = { name: 'shop', label: 'Shop', example: 'acme-store' };

describe('connection variables', () => {
  it('tells host, port and path placeholders apart', () => {
    const places = placesOf('http://{tenant}.127.0.0.1.nip.io:{port}/api/{site}?region={region}');
    expect(Object.fromEntries([...places].map(([name, set]) => [name, [...set]]))).toEqual({
      tenant: ['host'],
      port: ['port'],
      site: ['path'],
      region: ['path'],
    });
  });

  it.each([
    ['evil.com/', 'host'],
    ['evil.com', 'host'],
    ['a@evil', 'host'],
    ['acme:8080', 'host'],
    ['-acme', 'host'],
    ['..', 'path'],
    ['.hidden', 'path'],
    ['a/b', 'path'],
    ['a%2fb', 'path'],
    ['a?b=1', 'path'],
    ['0', 'port'],
    ['65536', 'port'],
    ['80@evil.com', 'port'],
    ['shop.example.com/x', 'hostname'],
    ['user@shop.example.com', 'hostname'],
    ['shop.example.com:8443', 'hostname'],
    ['shop..example.com', 'hostname'],
  ] as const)('refuses %j in a %s part', (value, place) => {
    expect(variableValueProblem(shop, value, [place])).toBeDefined();
    expect(new RegExp(`^(?:${effectivePattern(undefined, [place])})$`, 'u').test(value)).toBe(false);
  });

  it('takes a DNS label in a host, a port number, and an id in a path', () => {
    expect(variableValueProblem(shop, 'acme-store', ['host'])).toBeUndefined();
    expect(variableValueProblem(shop, '4401', ['port'])).toBeUndefined();
    expect(variableValueProblem(shop, 'shop.example.com', ['hostname'])).toBeUndefined();
    expect([...(placesOf('https://{storeHost}/wp-json').get('storeHost') ?? [])]).toEqual(['hostname']);
    expect(variableValueProblem(shop, '11223344-a1b2-3b33', ['path'])).toBeUndefined();
  });

  it("applies the variable's own pattern on top of the default", () => {
    const region = { name: 'region', label: 'Region', example: 'eu', pattern: 'eu|us' };
    expect(variableValueProblem(region, 'ap', ['host'])).toBe('Does not have the expected form, e.g. eu');
    expect(variableValueProblem(region, 'us', ['host'])).toBeUndefined();
    const card = publicVariables({ apiBaseUrl: 'https://{region}.api.example.com', authMethods: [] }, [region]);
    const whole = new RegExp(`^(?:${card[0]?.pattern})$`, 'u');
    expect([whole.test('us'), whole.test('ap'), whole.test('eu.x')]).toEqual([true, false, false]);
  });

  it('fills the host as typed and encodes path values', () => {
    expect(fillUrlTemplate('https://{shop}.myshopify.com/admin', { shop: 'Acme' })).toEqual({
      ok: true,
      url: 'https://acme.myshopify.com/admin',
    });
    expect(fillUrlTemplate('https://api.example.com/{site}/v1', { site: 'a/b' })).toEqual({
      ok: true,
      url: 'https://api.example.com/a%2Fb/v1',
    });
    expect(fillUrlTemplate('http://127.0.0.1:{port}', { port: '4401' })).toEqual({
      ok: true,
      url: 'http://127.0.0.1:4401',
    });
  });

  it('refuses a fill that would change the host, climb out or leave a placeholder', () => {
    expect(fillUrlTemplate('https://{shop}.myshopify.com', { shop: 'evil.com/' }).ok).toBe(false);
    expect(fillUrlTemplate('https://{shop}.myshopify.com', { shop: 'x@evil.com' }).ok).toBe(false);
    expect(fillUrlTemplate('http://127.0.0.1:{port}', { port: '1@evil.com' }).ok).toBe(false);
    expect(fillUrlTemplate('https://api.example.com/{site}/v1', { site: '..' }).ok).toBe(false);
    expect(fillUrlTemplate('https://{shop}.myshopify.com', {})).toMatchObject({ ok: false, missing: 'shop' });
  });

  it('checks a connector declares every placeholder it uses and uses every variable it declares', () => {
    const connector = {
      apiBaseUrl: 'https://{shop}.myshopify.com',
      authMethods: [{ kind: 'oauth2', authorizationUrl: 'https://{store}.example.com/a', tokenUrl: 'https://x.io/t' }],
    };
    expect(variableUsageIssues(connector, [shop, { name: 'unused', label: 'U', example: 'u' }])).toEqual([
      { path: 'authMethods.0.authorizationUrl', message: 'Uses {store}: declare a variable named store' },
      { path: 'variables.1.name', message: '{unused} is not used in the API base URL or an OAuth URL' },
    ]);
  });

  it('refuses patterns that could backtrack for a very long time, and keeps the usual ones', () => {
    expect(['(a+)+$', '(a|aa)*', '([a-z]*)*', '(x{1,3}){2,}', '(a)\\1'].filter(isSafePattern)).toEqual([]);
    const usual = ['[a-z0-9-]+', 'eu|us', '[0-9a-f-]{36}', '[a-z]+[0-9]*', '(?:eu|us)-[0-9]', 'na[0-9]{1,2}'];
    expect(usual.filter(isSafePattern)).toEqual(usual);
  });

  it('refuses a connector variable with a bad name, a broken pattern or an example that does not match', () => {
    const result = connectorCreateSchema.safeParse({
      name: 'Shop',
      authMethods: [{ kind: 'none' }],
      variables: [
        { name: '1shop', label: 'Shop', example: 'a' },
        { name: 'b', label: 'B', example: 'x', pattern: '(' },
        { name: 'c', label: 'C', example: 'x', pattern: '[0-9]+' },
        { name: 'c', label: 'C', example: '1', pattern: '[0-9]+' },
      ],
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'variables.0.name',
      'variables.1.pattern',
      'variables.2.example',
      'variables.3.name',
    ]);
  });
});
