import { PlugboardApiError } from './plugboard-api-error.js';

/** 5xx: the server failed; retrying later may work. */
export class ServerError extends PlugboardApiError {
  override name = 'ServerError' as const;
}
