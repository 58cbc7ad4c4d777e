import { PlugboardApiError } from './plugboard-api-error.js';

/** 401: no credential, an unknown one, or an expired session. */
export class AuthenticationError extends PlugboardApiError {
  override name: string = 'AuthenticationError';
}
