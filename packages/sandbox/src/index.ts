/**
 * Acme Sandbox: a local OAuth 2.0 provider and API for developing and testing Plugboard offline.
 * @packageDocumentation
 */
export type { SandboxClient, SandboxOptions, SandboxUser } from './options.js';
export { createSandbox, type Sandbox } from './sandbox.js';
export { GrantError, type IssuedTokens, TokenStore } from './token-store.js';
