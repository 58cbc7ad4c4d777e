import { PlugboardApiError } from './plugboard-api-error.js';

/** 404: nothing with that id, or nothing this credential may see. */
export class NotFoundError extends PlugboardApiError {
  override name = 'NotFoundError' as const;
}
