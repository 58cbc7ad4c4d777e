// @vitest-environment node
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, defaultClientConditions, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultMessages } from './messages.js';

const BUDGET_BYTES = 25 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the drop-in bundle now, in memory, with the package's own vite config. Whatever `dist/` holds may be
 * older than the sources; workspace packages (the SDK) also come from their sources rather than their `dist/`.
 */
async function buildBundle(): Promise<string> {
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
  const chunk = result?.output.find((file): file is Rollup.OutputChunk => file.type === 'chunk' && file.isEntry);
  if (!chunk) throw new Error('The widget build produced no entry chunk');
  return chunk.code;
}

describe('the drop-in bundle, freshly built', () => {
  let source = '';
  beforeAll(async () => {
    source = await buildBundle();
  }, 120_000);

  it('stays within 25 KB gzipped, every dependency included', () => {
    const gzipped = gzipSync(source, { level: 9 }).byteLength;
    console.log(
      `plugboard-connect.js: ${Buffer.byteLength(source)} bytes, ${gzipped} gzipped (budget ${BUDGET_BYTES})`,
    );
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('is built from the current sources: every default message, as the sources have it, is inside', () => {
    // Messages with quotes are left out: the minifier may escape them differently.
    const plain = Object.values(defaultMessages).filter((message) => !/["'`\\]/.test(message));
    expect(plain.length).toBeGreaterThan(10);
    for (const message of plain) expect(source).toContain(message);
  });

  it('is self-contained: no bare imports left for the page to resolve', () => {
    expect(source).not.toMatch(/\bfrom\s*["'](?!\.|\/|https?:)[^"']+["']/);
    expect(source).not.toMatch(/\bimport\s*\(\s*["'](?!\.|\/|https?:)/);
  });
});
