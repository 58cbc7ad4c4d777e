// A second store handle in another process, running the built store: SQLite serialises writers across
// processes with its file lock, and a handle in this process would block the event loop while it waits for
// the lock held by a transaction of another handle in the same process. Postgres gets a second pool.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ConnectionRecord, CredentialRecord } from '../storage/store.js';

const openStorePath = new URL('../../dist/storage/open-store.js', import.meta.url);

// Runs each line's operations concurrently and answers with their results, in order, on one line.
const CHILD = `
import { createInterface } from 'node:readline';
const { openStore } = await import(process.env.OPEN_STORE);
const store = await openStore(process.env.DATABASE_URL);
const bytes = (text) => Buffer.from(text, 'base64');
const run = (op) =>
  op.kind === 'create'
    ? store
        .createConnection(op.record, { ...op.credentials, nonce: bytes(op.credentials.nonce), ciphertext: bytes(op.credentials.ciphertext) })
        .then(() => true)
    : store.deleteConnection(op.id);
console.log('ready');
for await (const line of createInterface({ input: process.stdin })) {
  const results = await Promise.all(JSON.parse(line).map((op) => run(op).catch((error) => String(error))));
  console.log(JSON.stringify(results));
}
await store.close();
`;

/** What the other process does: create a connection, or delete one (true when it was there). */
export type StoreOperation =
  | { kind: 'create'; record: ConnectionRecord; credentials: CredentialRecord }
  | { kind: 'delete'; id: string };

/** A store handle in a child process. */
export interface StoreProcess {
  /** Runs the operations concurrently there; resolves with each one's result (an error as its text). */
  run(operations: StoreOperation[]): Promise<Array<boolean | string>>;
  close(): Promise<void>;
}

/** Opens the database `url` names in a child process; needs `pnpm --filter @plugboard/server run build`. */
export async function startStoreProcess(url: string): Promise<StoreProcess> {
  if (!existsSync(openStorePath)) throw new Error(`Build the server first: ${openStorePath.pathname}`);
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    env: { ...process.env, OPEN_STORE: openStorePath.href, DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('The store process ended');
    return line.value;
  };
  if ((await next()) !== 'ready') throw new Error('The store process did not open the store');
  return {
    async run(operations) {
      const wire = operations.map((op) =>
        op.kind === 'create'
          ? {
              ...op,
              credentials: {
                ...op.credentials,
                nonce: Buffer.from(op.credentials.nonce).toString('base64'),
                ciphertext: Buffer.from(op.credentials.ciphertext).toString('base64'),
              },
            }
          : op,
      );
      child.stdin.write(`${JSON.stringify(wire)}\n`);
      return JSON.parse(await next()) as Array<boolean | string>;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}
