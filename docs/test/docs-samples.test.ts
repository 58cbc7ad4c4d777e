import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, type ServeProcess, startPlugboardServe } from '../../e2e/support/plugboard-serve.js';
import { type CodeBlock, codeBlocks } from './code-blocks.js';
import { sampleModules, typecheckSamples } from './typecheck-samples.js';

const docs = new URL('../', import.meta.url);
const repoRoot = new URL('../../', import.meta.url).pathname;
const exec = promisify(execFile);

/** Blocks that are shown, not run: markup, styles, JSON shapes, a Vue template. */
const SHOWN = new Set(['html', 'css', 'json', 'vue', 'text']);

const packages = new URL('../packages/', docs);
/** The guides, then each package's README (what npm shows), named by their path from the repository root. */
const guides = [
  ...readdirSync(docs)
    .filter((file) => file.endsWith('.md'))
    .sort()
    .map((file) => ({ url: new URL(file, docs), name: file })),
  ...readdirSync(packages)
    .sort()
    .filter((name) => existsSync(new URL(`${name}/README.md`, packages)))
    .map((name) => ({ url: new URL(`${name}/README.md`, packages), name: `packages/${name}/README.md` })),
];
const blocks: CodeBlock[] = guides.flatMap((guide) => codeBlocks(readFileSync(guide.url, 'utf8'), guide.name));
const shell = blocks.filter((block) => block.lang === 'sh' && block.annotation.kind !== 'skip');
const modules = sampleModules(blocks);

describe('the samples in docs/*.md and packages/*/README.md', () => {
  it('are each run, type-checked, or skipped with a reason', () => {
    const unchecked = blocks.filter(
      (block) =>
        block.annotation.kind !== 'skip' && !['ts', 'tsx', 'sh'].includes(block.lang) && !SHOWN.has(block.lang),
    );
    expect(unchecked.map((block) => `${block.where} (${block.lang || 'no language'})`)).toEqual([]);
    expect(shell.length).toBeGreaterThan(3);
    expect(modules.length).toBeGreaterThan(20);
  });

  describe('TypeScript, type-checked against the built packages', () => {
    let errors: Map<string, string[]>;
    beforeAll(async () => {
      errors = await typecheckSamples(modules);
    }, 60_000);

    it.each(modules.map((module) => module.where))('%s type-checks', (where) => {
      expect(errors.get(where)).toEqual([]);
    });

    it('leaves no error outside the samples', () => {
      expect(errors.get('other') ?? []).toEqual([]);
    });
  });

  describe('shell, run against a real plugboard serve', () => {
    let plugboard: ServeProcess;
    let values: { secretKey: string; organizationId: string };

    beforeAll(async () => {
      plugboard = await startPlugboardServe();
      const { stdout } = await exec(process.execPath, [cliPath, 'org', 'create', '--name', 'Docs'], {
        env: plugboard.env,
      });
      const created = JSON.parse(stdout) as { organization: { id: string }; secretKey: string };
      values = { secretKey: created.secretKey, organizationId: created.organization.id };
    }, 30_000);
    afterAll(() => plugboard?.close());

    /** The placeholders a reader fills in, filled in: the server's address, the key and id it printed. */
    function filledIn(code: string) {
      return code
        .replaceAll('http://localhost:4400', plugboard.url)
        .replaceAll('pb_sk_…', values.secretKey)
        .replaceAll('org_…', values.organizationId);
    }

    it.each(shell.map((block) => [block.where, block] as const))('%s runs', async (_, block) => {
      const env = {
        ...plugboard.env,
        SECRET_KEY: values.secretKey,
        PLUGBOARD_SECRET_KEY: values.secretKey,
        PASSWORD: 'a docs test password',
      };
      const result = await exec('bash', ['-euo', 'pipefail', '-c', filledIn(block.code)], {
        cwd: repoRoot,
        env,
      }).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
      expect(result.stderr?.includes('"error"') ? result.stderr : undefined, block.code).toBeUndefined();
      expect('code' in result ? result.code : 0, `${block.code}\n${result.stderr}`).toBe(0);
      expect(result.stdout, block.code).not.toMatch(/"error"\s*:\s*\{/);
      // What the CLI prints pipes into jq: nothing but its JSON on stdout.
      if (/\bnpm run\b.*\bplugboard\b/.test(block.code)) expect(() => JSON.parse(result.stdout ?? '')).not.toThrow();
    });
  });
});
