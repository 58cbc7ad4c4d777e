// `pnpm start`: the demo on PORT (default 4400) with the SQLite default under .plugboard/.
import { loadConfig } from '@plugboard/server';
import { startDemo } from './demo-server.mjs';

const config = loadConfig(process.env);
const demo = await startDemo({
  port: config.port,
  hostname: config.host,
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
const shown = demo.url.replace('127.0.0.1', 'localhost');
console.log(`
Plugboard demo is running.

  Demo page (the vendor's app with <plugboard-connect>):  ${shown}/
  API:                                                     ${shown}/v1  (OpenAPI: ${shown}/v1/openapi.json)
  Acme Sandbox, the local OAuth provider (sign in as demo / demo): ${demo.sandboxUrl}
  Demo organization secret key (shown once):               ${demo.secretKey}

  Admin console:  ${shown}/console
    Email:        ${demo.consoleEmail}
    Password:     ${demo.consolePassword}   (PLUGBOARD_DEMO_PASSWORD, else kept in ${config.dataDir}/demo-password)

Try it:  curl -H "Authorization: Bearer ${demo.secretKey}" ${shown}/v1/connectors
Stop with Ctrl+C.
`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => demo.close().then(() => process.exit(0)));
}
