import { describe, expect, it } from 'vitest';
import { serverSentEvents } from './server-sent-events.js';

/** A body that arrives in exactly these chunks. */
const chunked = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

const all = async (body: ReadableStream<Uint8Array>) => {
  const events = [];
  for await (const event of serverSentEvents(body)) events.push(event);
  return events;
};

describe('serverSentEvents', () => {
  it('keeps an event whole when a CRLF line ending is split between two chunks', async () => {
    const events = await all(
      chunked('id: 7\r\nevent: log\r', '\ndata: {"seq":7}\r\n\r\n', 'event: run\r\ndata: {}\r\n\r\n'),
    );
    expect(events).toEqual([
      { event: 'log', data: '{"seq":7}', id: '7' },
      { event: 'run', data: '{}' },
    ]);
  });

  it('joins multi-line data, skips comments and events without data, and names unnamed events message', async () => {
    const events = await all(chunked(': ping\n\nevent: log\n\n', 'data: a\ndata: b\n\n'));
    expect(events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('cancels the body when the reader stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of serverSentEvents(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
