import type { Keyring } from '../crypto/keyring.js';
import type { CustomAuthRegistry } from '../custom-auth/handler.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';

/** What every service needs: storage, the keyring, a clock and a logger. */
export interface ServiceDeps {
  store: Store;
  keyring: Keyring;
  now: () => Date;
  logger: Logger;
  /** Custom auth handlers by name. */
  customAuth?: CustomAuthRegistry;
}
