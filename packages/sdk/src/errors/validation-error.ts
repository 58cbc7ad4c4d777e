import { PlugboardApiError } from './plugboard-api-error.js';

/** 400, 413, 415, 422: the request itself is wrong; see `issues`. */
export class ValidationError extends PlugboardApiError {
  override name = 'ValidationError' as const;
}
