// How close sendOutbound's cut-off comes to the configured timeout, against a server that never answers and one
// that redirects slowly, each beside a bare timer of the same length from the same run. Run through `pnpm bench`
// at the root (it builds first), or after a build: `node packages/server/bench/send-outbound.mjs`.
import { createServer } from 'node:http';
import { heading, medianMs, report } from '../../../scripts/bench-report.mjs';
import { createEgressPolicy, sendOutbound } from '../dist/egress/index.js';

const timeoutMs = 250;
const runs = 7;
const server = createServer((request, response) => {
  // `/redirect` answers each hop a little before the timeout, so only a deadline over the whole exchange holds.
  if (request.url?.startsWith('/redirect'))
    setTimeout(() => response.writeHead(302, { location: '/redirect' }).end(), timeoutMs * 0.6);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const host = `127.0.0.1:${server.address().port}`;
const policy = createEgressPolicy({ allowHosts: [host] });

/** Sends to `path` and returns once sendOutbound gives up; anything but a timeout is a broken benchmark. */
async function cutOff(path) {
  const failure = await sendOutbound(policy, { method: 'GET', url: new URL(`http://${host}${path}`) }, { timeoutMs })
    .then(() => 'answered')
    .catch((error) => error.failure);
  if (failure !== 'timeout') throw new Error(`Expected a timeout from ${path}, got ${failure}`);
}

const bare = await medianMs(runs, () => new Promise((resolve) => setTimeout(resolve, timeoutMs)));
heading(`send-outbound, timeout ${timeoutMs} ms (median of ${runs}, node ${process.version})`);
for (const [name, path] of [
  ['outbound call to a server that never answers: cut off after', '/silent'],
  ['outbound call to a server that redirects slowly: cut off after', '/redirect'],
]) {
  const plugboard = await medianMs(runs, () => cutOff(path));
  report({ name, plugboard, baseline: bare, unit: 'ms', baselineName: `setTimeout(${timeoutMs})` });
}
server.closeAllConnections();
server.close();
