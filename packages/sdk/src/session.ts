/**
 * The browser entry: only the session client and the errors, for the smallest bundle.
 * @packageDocumentation
 */
export { AuthenticationError } from './errors/authentication-error.js';
export { NetworkError } from './errors/network-error.js';
export { PlugboardApiError } from './errors/plugboard-api-error.js';
export { isPlugboardError, PlugboardError, SdkErrorCode } from './errors/plugboard-error.js';
export { SessionExpiredError } from './errors/session-expired-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { ValidationError } from './errors/validation-error.js';
export { PlugboardSession, type PlugboardSessionOptions } from './session/plugboard-session.js';
