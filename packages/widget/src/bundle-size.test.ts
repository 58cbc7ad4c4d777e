// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const BUDGET_BYTES = 25 * 1024;
const bundle = new URL('../dist/plugboard-connect.js', import.meta.url);

describe('the drop-in bundle', () => {
  it('stays within 25 KB gzipped, every dependency included', () => {
    expect(existsSync(bundle), 'dist/plugboard-connect.js is missing: run `pnpm -r run build` first').toBe(true);
    const source = readFileSync(bundle);
    const gzipped = gzipSync(source, { level: 9 }).byteLength;
    console.log(`plugboard-connect.js: ${source.byteLength} bytes, ${gzipped} bytes gzipped (budget ${BUDGET_BYTES})`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('is self-contained: no bare imports left for the page to resolve', () => {
    const source = readFileSync(bundle, 'utf8');
    expect(source).not.toMatch(/\bfrom\s*["'](?!\.|\/|https?:)[^"']+["']/);
    expect(source).not.toMatch(/\bimport\s*\(\s*["'](?!\.|\/|https?:)/);
  });
});
