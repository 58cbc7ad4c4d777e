import { readdir, readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT, environmentHelp } from './environment.js';
import { run } from './run.js';

const source = new URL('../', import.meta.url).pathname;
const serverGuide = new URL('../../../../docs/server.md', import.meta.url);

/**
 * Every `PLUGBOARD_*` name the server's source mentions; tests, their helpers in src/test/ (which read the test
 * harness's own variables, such as PLUGBOARD_TEST_DATABASE_URL) and the table itself aside.
 */
async function variablesInSource(): Promise<string[]> {
  const files = (await readdir(source, { recursive: true })).filter(
    (file) =>
      file.endsWith('.ts') &&
      !file.endsWith('.test.ts') &&
      !file.startsWith(`test${sep}`) &&
      !file.endsWith('environment.ts'),
  );
  const names = new Set<string>();
  for (const file of files) {
    for (const [name] of (await readFile(join(source, file), 'utf8')).matchAll(/\bPLUGBOARD_[A-Z0-9_]+\b/g)) {
      names.add(name);
    }
  }
  return [...names].sort();
}

async function help(): Promise<string> {
  const out: string[] = [];
  expect(await run(['--help'], {}, { out: (text) => out.push(text), err: (text) => out.push(text) })).toBe(0);
  return out.join('\n');
}

describe('the environment variables in --help', () => {
  it('lists every PLUGBOARD_* variable the server reads, each with a description', async () => {
    const text = await help();
    const variables = await variablesInSource();
    expect(variables).toContain('PLUGBOARD_DEMO_PASSWORD');
    const listed = [...text.matchAll(/^ {2}(\S+) +\S.*$/gm)].map((match) => match[1]);
    expect(variables.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it('prints the table in full, one variable a line', async () => {
    expect(await help()).toContain(environmentHelp());
    expect(environmentHelp().split('\n')).toHaveLength(ENVIRONMENT.length + 1);
  });

  it('are all documented in docs/server.md', async () => {
    const guide = await readFile(serverGuide, 'utf8');
    expect(ENVIRONMENT.filter(({ name }) => !guide.includes(`| \`${name}\``)).map(({ name }) => name)).toEqual([]);
  });
});
