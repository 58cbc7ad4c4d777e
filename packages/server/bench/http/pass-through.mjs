// The bare baseline of the proxy benchmarks: a Node `http.request` pass-through proxy, every request sent on to
// the upstream (first argument) on keep-alive sockets and its answer piped back, nothing else.
//   node pass-through.mjs <upstream url>
import { Agent, createServer, request } from 'node:http';

const upstream = new URL(process.argv[2] ?? '');
const agent = new Agent({ keepAlive: true });
const server = createServer((incoming, outgoing) => {
  const headers = { ...incoming.headers, host: upstream.host };
  const sent = request(upstream, { method: incoming.method, path: incoming.url, headers, agent }, (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(outgoing);
  });
  sent.once('error', () => outgoing.writeHead(502).end());
  incoming.pipe(sent);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  console.error(`listening on http://127.0.0.1:${server.address().port}`),
);
