import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from './app.js';
import { Keyring } from './crypto/keyring.js';
import { createRuntime, type WorkerName } from './runtime.js';
import { openStore } from './storage/open-store.js';
import type { Store } from './storage/store.js';
import { createLatch } from './test/latch.js';
import { createTestDatabase, type TestDatabase } from './test/test-database.js';

let database: TestDatabase;
let store: Store;
let closed: boolean;
beforeEach(async () => {
  database = await createTestDatabase();
  store = await openStore(database.url);
  closed = false;
});
afterEach(async () => {
  vi.useRealTimers();
  if (!closed) await store.close();
  await database.drop();
});

describe('createRuntime', () => {
  it('makes only the workers whose interval is set, and starts none until asked', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const runtime = createRuntime({
      store,
      keyring: Keyring.generate(),
      deliveryIntervalMs: 1000,
      backgroundRefreshMs: 5000,
    });
    expect([...runtime.workers.keys()].sort()).toEqual(['delivery', 'refresh']);
    expect(vi.getTimerCount()).toBe(0);
    runtime.startWorkers();
    runtime.startWorkers();
    expect(vi.getTimerCount()).toBe(2);
  });

  it('closes the store after stopping its workers', async () => {
    const runtime = createRuntime({ store, keyring: Keyring.generate(), retentionIntervalMs: 1000 });
    runtime.startWorkers();
    await runtime.close();
    closed = true;
    await expect(store.ping()).rejects.toThrow();
  });
});

describe('createApp’s background refresh', () => {
  it('runs as a worker whose rounds can be followed, and stops with the others when the signal aborts', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const controller = new AbortController();
    const rounds: Array<{ worker: WorkerName; ok: boolean }> = [];
    const roundEnded = createLatch();
    createApp({
      store,
      keyring: Keyring.generate(),
      backgroundRefreshMs: 1000,
      signal: controller.signal,
      onWorkerRound: (worker, outcome) => {
        rounds.push({ worker, ok: outcome.ok });
        roundEnded.open();
      },
    });
    vi.advanceTimersByTime(1000);
    await roundEnded.opened;
    expect(rounds).toEqual([{ worker: 'refresh', ok: true }]);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
  });
});
