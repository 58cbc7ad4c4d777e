// The third-party API of the proxy benchmarks, on loopback: every request gets the same small JSON answer, read
// after the request body, as a typical REST API's.
//   node upstream.mjs
import { createServer } from 'node:http';

const body = JSON.stringify({ data: [{ id: 'c_1', name: 'Ada Lovelace', email: 'ada@example.com' }], next: null });
const server = createServer((request, response) => {
  request.resume();
  request.once('end', () =>
    response
      .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      .end(body),
  );
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () =>
  console.error(`listening on http://127.0.0.1:${server.address().port}`),
);
