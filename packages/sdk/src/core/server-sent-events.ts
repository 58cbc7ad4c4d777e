import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** One server-sent event: its name (`message` when the stream names none), data and id. */
export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Reads a `text/event-stream` body into its events, with `eventsource-parser` doing the parsing (line endings
 * split across chunks, comments, BOM, `retry:`), as an EventSource would; the body is cancelled when the caller
 * stops reading.
 */
export async function* serverSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parsed: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => parsed.push(message) });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
      for (const { event, data, id } of parsed.splice(0)) {
        yield { event: event ?? 'message', data, ...(id !== undefined ? { id } : {}) };
      }
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
