import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.js';
import type { Store } from '../storage/store.js';
import { callLogEntry } from '../test/call-log-contract.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { CallLogWriter } from './call-log-writer.js';

let database: TestDatabase;
let store: Store;
afterEach(async () => {
  await store.close();
  await database.drop();
});

async function open() {
  database = await createTestDatabase();
  store = await openStore(database.url);
  return store;
}

const stored = async () => (await store.listCallLogs({ organizationId: 'org_1', limit: 200 })).map((entry) => entry.id);
const ids = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) => `log_${String(from + i).padStart(4, '0')}`);

describe('the call log writer', () => {
  it('writes nothing until a batch fills or a flush, then writes every entry once', async () => {
    const lines: unknown[] = [];
    const logger = { info: () => {}, warn: (entry: unknown) => lines.push(entry), error: () => {} };
    // A flush interval no test waits for: only the batch size and explicit flushes write here.
    const writer = new CallLogWriter(await open(), logger, { flushMs: 60_000, batchSize: 3 });
    for (const id of ids(2)) writer.add(callLogEntry(id));
    expect(writer.buffered).toBe(2);
    expect(await stored()).toEqual([]);
    writer.add(callLogEntry('log_0002'));
    expect(writer.buffered).toBe(0);
    for (const id of ids(2, 3)) writer.add(callLogEntry(id));
    await writer.close();
    expect(await stored()).toEqual(ids(5).reverse());
    expect(lines).toEqual([]);
  });

  it('holds at most maxBuffered entries and counts those it drops', async () => {
    const writer = new CallLogWriter(
      await open(),
      { info: () => {}, warn: () => {}, error: () => {} },
      {
        flushMs: 60_000,
        batchSize: 100,
        maxBuffered: 4,
      },
    );
    for (const id of ids(6)) writer.add(callLogEntry(id));
    expect([writer.buffered, writer.dropped]).toEqual([4, 2]);
    await writer.flush();
    expect(await stored()).toEqual(ids(4).reverse());
  });

  it('drops a batch the database refuses without throwing, and says so without the entries', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = { info: () => {}, warn: (entry: Record<string, unknown>) => lines.push(entry), error: () => {} };
    const writer = new CallLogWriter(await open(), logger, { flushMs: 60_000 });
    // An id already taken: the database refuses the whole batch.
    await store.insertCallLogs([callLogEntry('log_1')]);
    writer.add(callLogEntry('log_1', { path: '/contacts/{id}' }));
    await expect(writer.flush()).resolves.toBeUndefined();
    expect(writer.dropped).toBe(1);
    expect(lines).toEqual([expect.objectContaining({ event: 'call_log.write_failed', entries: 1 })]);
    expect(JSON.stringify(lines)).not.toContain('/contacts');
    writer.add(callLogEntry('log_2'));
    await writer.flush();
    expect(await stored()).toEqual(['log_2', 'log_1']);
  });

  it('writes a partial batch by itself after flushMs', async () => {
    const writer = new CallLogWriter(
      await open(),
      { info: () => {}, warn: () => {}, error: () => {} },
      {
        flushMs: 20,
        batchSize: 100,
      },
    );
    writer.add(callLogEntry('log_1'));
    await expect.poll(stored, { timeout: 5000 }).toEqual(['log_1']);
    await writer.close();
  });
});
