import { PlugboardApiError } from './plugboard-api-error.js';

/** 409: conflicts with the current state, e.g. `slug_taken`. */
export class ConflictError extends PlugboardApiError {
  override name = 'ConflictError' as const;
}
