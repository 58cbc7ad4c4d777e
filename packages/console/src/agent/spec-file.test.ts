import { describe, expect, it } from 'vitest';
import { MAX_SPEC_BYTES, readSpecFile, SpecFileTooLarge } from './spec-file.js';

const gzip = async (text: string) =>
  new Blob([await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()]);

describe('readSpecFile', () => {
  it('reads a spec as it is, and a gzipped one unpacked', async () => {
    const spec = JSON.stringify({ openapi: '3.1.0', info: { title: 'Zipped', version: '1' }, paths: {} });
    expect(await readSpecFile(new Blob([spec]))).toBe(spec);
    expect(await readSpecFile(await gzip(spec))).toBe(spec);
  });

  it('stops reading an archive that unpacks past 50 MB', async () => {
    const bomb = await gzip(' '.repeat(MAX_SPEC_BYTES + 1024));
    expect(bomb.size).toBeLessThan(1024 * 1024);
    await expect(readSpecFile(bomb)).rejects.toBeInstanceOf(SpecFileTooLarge);
  });
});
