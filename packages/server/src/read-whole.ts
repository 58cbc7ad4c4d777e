import type { Readable } from 'node:stream';

/**
 * A stream's whole content, collected with plain listeners: no async iterator, whose promise per chunk costs
 * more than the rest of reading a small body. Rejects with the stream's error, or when it closes before its end.
 */
export function readWhole(stream: Readable): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.once('close', () => {
      if (!stream.readableEnded) reject(new Error('The stream closed before its end'));
    });
  });
}
