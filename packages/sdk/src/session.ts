/**
 * The browser entry: only the session client and the errors, for the smallest bundle.
 * @packageDocumentation
 */
export {
  AuthenticationError,
  PlugboardApiError,
  SessionExpiredError,
  ValidationError,
} from './errors/api-errors.js';
export { isPlugboardError, PlugboardError, SdkErrorCode } from './errors/plugboard-error.js';
export { NetworkError, TimeoutError } from './errors/transport-errors.js';
export { PlugboardSession, type PlugboardSessionOptions } from './session/plugboard-session.js';
