import type { OAuthOptions, SessionClient } from '@plugboard/widget';
import type { ConsoleClient } from './console-client.js';

/** Everything the pages talk to, handed down from `main.tsx` (or a test). */
export interface ConsoleServices {
  /** The admin API, through the signed-in member's cookie. */
  client: ConsoleClient;
  /** A session client for a test connect session's token: what the widget's store runs on. */
  sessionFor(token: string): SessionClient;
  /** Where OAuth sign-ins run; left out in tests that never open a popup. */
  oauth?: OAuthOptions;
}
