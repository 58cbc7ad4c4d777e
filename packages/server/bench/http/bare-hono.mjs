// The bare baseline of the HTTP benchmarks: a Hono app on @hono/node-server answering every GET with the
// same JSON body Plugboard answered with (read from the file named by the first argument), and nothing else.
//   node bare-hono.mjs <body.json>
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const body = readFileSync(process.argv[2] ?? '', 'utf8');
const app = new Hono();
app.get('*', (c) => c.body(body, 200, { 'content-type': 'application/json' }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) =>
  console.error(`listening on http://127.0.0.1:${info.port}`),
);
