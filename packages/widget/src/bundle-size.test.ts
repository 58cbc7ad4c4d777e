// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from './locale.js';
import de from './locales/de.js';
import { defaultMessages } from './messages.js';

const BUDGET_BYTES = 22 * 1024;
const LOCALE_BUDGET_BYTES = 2 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the drop-in bundle now, in memory, with the package's own vite config. Whatever `dist/` holds may be
 * older than the sources; workspace packages (the SDK) also come from their sources rather than their `dist/`.
 */
async function buildBundle(): Promise<Map<string, string>> {
  // Vitest sets NODE_ENV=test, which makes vite pick dependencies' development builds (Lit's dev mode, larger).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  let output: Awaited<ReturnType<typeof build>>;
  try {
    output = await build({
      root,
      configFile: `${root}/vite.config.ts`,
      mode: 'production',
      logLevel: 'silent',
      resolve: { conditions: ['@plugboard/source', ...defaultClientConditions] },
      build: { write: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const [result] = (Array.isArray(output) ? output : [output]) as Rollup.RollupOutput[];
  const chunks = result?.output.filter((file): file is Rollup.OutputChunk => file.type === 'chunk') ?? [];
  return new Map(chunks.map((chunk) => [chunk.fileName, chunk.code]));
}

const gzipped = (code: string) => gzipSync(code, { level: 9 }).byteLength;

describe('the drop-in bundle, freshly built', () => {
  let files = new Map<string, string>();
  let source = '';
  beforeAll(async () => {
    files = await buildBundle();
    source = files.get('plugboard-connect.js') ?? '';
  }, 120_000);

  it('stays within 22 KB gzipped, every dependency included', () => {
    const size = gzipped(source);
    console.log(`plugboard-connect.js: ${Buffer.byteLength(source)} bytes, ${size} gzipped (budget ${BUDGET_BYTES})`);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('is English only: the other locales are modules of their own, beside it and nothing else', () => {
    expect([...files.keys()].sort()).toEqual(
      [
        'plugboard-connect.js',
        ...SUPPORTED_LOCALES.filter((locale) => locale !== 'en').map((l) => `locales/${l}.js`),
      ].sort(),
    );
    expect(source).not.toContain(de.loading);
    // The locale's URL is resolved against the bundle's own at run time, not rewritten into an asset lookup.
    expect(source).toMatch(/new URL\(`\.\/locales\/\$\{\w+\}\.js`,import\.meta\.url\)/);
  });

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))(
    'ships %s as a module within 2 KB gzipped, with every message and no imports',
    (locale) => {
      const code = files.get(`locales/${locale}.js`) ?? '';
      console.log(`locales/${locale}.js: ${gzipped(code)} gzipped (budget ${LOCALE_BUDGET_BYTES})`);
      expect(gzipped(code)).toBeGreaterThan(0);
      expect(gzipped(code)).toBeLessThanOrEqual(LOCALE_BUDGET_BYTES);
      expect(code).not.toMatch(/\bimport\b/);
      for (const key of Object.keys(defaultMessages)) expect(code).toContain(`${key}:`);
    },
  );

  it('is built from the current sources: every default message, as the sources have it, is inside', () => {
    // Messages with quotes are left out: the minifier may escape them differently.
    const plain = Object.values(defaultMessages).filter((message) => !/["'`\\]/.test(message));
    expect(plain.length).toBeGreaterThan(10);
    for (const message of plain) expect(source).toContain(message);
  });

  it('leaves out the Preact integration of signals, which hooks every vnode and component it renders', () => {
    // @preact/signals' text-node component; the element tracks what its render reads with signals-core instead.
    expect(source).not.toContain('ReactiveTextNode');
  });

  it('is self-contained: no bare imports left for the page to resolve', () => {
    expect(source).not.toMatch(/\bfrom\s*["'](?!\.|\/|https?:)[^"']+["']/);
    expect(source).not.toMatch(/\bimport\s*\(\s*["'](?!\.|\/|https?:)/);
  });
});
