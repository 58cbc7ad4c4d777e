// The names the guides' TypeScript fragments use without defining them: what the reader has from the guide's
// earlier steps (a client, a session, the element). A block that defines one of them shadows it.
import type { PlugboardAdmin, ValidationError } from '@plugboard/sdk';
import type { PlugboardSession } from '@plugboard/sdk/session';
import type { Keyring, Store } from '@plugboard/server';
import type { PlugboardConnectElement } from '@plugboard/widget';
import type { Component } from 'vue';

declare global {
  /** The admin client of the guide's first step. */
  const plugboard: PlugboardAdmin;
  /** The session client of sdk.md. */
  const session: PlugboardSession;
  /** The `<plugboard-connect>` element on the page. */
  const connect: PlugboardConnectElement;
  const store: Store;
  const keyring: Keyring;
  /** Ids and values the reader has from earlier steps. */
  const endpoint: { id: string };
  const connectionId: string;
  const token: string;
  const email: string;
  const password: string;
  /** A spec's text, as the reader read it. */
  const text: string;
  /** The reader's own app code the samples call. */
  const App: Component;
  const analytics: { track(event: string, properties: Record<string, unknown>): void };
  function fetchSessionToken(): Promise<string>;
  function fetchThroughEgressPolicy(url: string): Promise<string>;
  function notifyCustomer(tenantId: string, label: string): Promise<void>;
  function showFieldErrors(issues: ValidationError['issues']): void;
  function showOffline(): void;
}
