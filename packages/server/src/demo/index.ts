/**
 * The demo's seed data, for a local try-out or a test suite, not for production: an organization with sample
 * connectors (one OAuth 2.0 connector against a local provider), two tenants and a console member.
 *
 * @example
 * ```ts
 * import { loadConfig, loadKeyring, openStore } from '@plugboard/server';
 * import { loadDemoPassword, seedDemo } from '@plugboard/server/demo';
 *
 * const config = loadConfig(process.env);
 * const store = await openStore(config.databaseUrl);
 * const keyring = await loadKeyring({ env: process.env, dataDir: config.dataDir });
 * const consolePassword = await loadDemoPassword({ env: process.env, dataDir: config.dataDir });
 * const { secretKey } = await seedDemo(store, keyring, { allowedOrigins: ['http://localhost:5173'], consolePassword });
 * ```
 * @packageDocumentation
 */
export { DEMO_CONSOLE_EMAIL, loadDemoPassword } from './console-password.js';
export { DEMO_END_USER_ID, type DemoOAuthProvider, seedDemo } from './seed.js';
