import { describe, expect, it } from 'vitest';
import { run } from './cli/run.js';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['0', false],
    ['', false],
    [undefined, false],
  ])('reads PLUGBOARD_ALLOW_INSECURE_OAUTH=%j as allowInsecureOAuthEndpoints %s', (value, allowed) => {
    const env = value === undefined ? {} : { PLUGBOARD_ALLOW_INSECURE_OAUTH: value };
    expect(loadConfig(env).allowInsecureOAuthEndpoints).toBe(allowed);
  });

  it('lists PLUGBOARD_ALLOW_INSECURE_OAUTH in plugboard --help, as development only', async () => {
    const out: string[] = [];
    await run(['--help'], {}, { out: (text) => out.push(text), err: () => {} });
    expect(out.join('\n')).toMatch(/PLUGBOARD_ALLOW_INSECURE_OAUTH\S*\s+\(development only/);
  });
});
