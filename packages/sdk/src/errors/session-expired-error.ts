import { AuthenticationError } from './authentication-error.js';

/** 401 `session_expired`: mint a new connect session. */
export class SessionExpiredError extends AuthenticationError {
  override name = 'SessionExpiredError' as const;
}
