#!/usr/bin/env node
import { run } from './run.js';

const shutdown = new AbortController();
// Only the long-running commands stop gracefully; the others keep Node's default of ending at once.
if (process.argv[2] === 'serve' || process.argv[2] === 'worker') {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      shutdown.abort(signal);
      // A second signal does not wait for requests or rounds in flight.
      process.once(signal, () => process.exit(1));
    });
  }
}

const code = await run(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  shutdown: shutdown.signal,
});
process.exitCode = code;
