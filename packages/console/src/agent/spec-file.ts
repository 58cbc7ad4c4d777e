/** Largest spec the server takes, unpacked: 50 MB. */
export const MAX_SPEC_BYTES = 50 * 1024 * 1024;

/** A byte count as the console states a limit: `50 MB`, `512 KB`. */
export const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** A spec file too large once read (or unpacked). */
export class SpecFileTooLarge extends Error {
  override name = 'SpecFileTooLarge' as const;
}

const isGzip = async (file: Blob) => {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x1f && head[1] === 0x8b;
};

/**
 * A spec file's text, a gzipped one unpacked in the browser; reading stops as soon as the text passes
 * {@link MAX_SPEC_BYTES}, so a small archive that unpacks to gigabytes costs nothing.
 *
 * @throws SpecFileTooLarge
 */
export async function readSpecFile(file: Blob, maxBytes = MAX_SPEC_BYTES): Promise<string> {
  const stream = (await isGzip(file)) ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new SpecFileTooLarge(`The spec is over ${megabytes(maxBytes)} once unpacked`);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
