import { type ApiErrorInit, PlugboardApiError } from './plugboard-api-error.js';

/** 429: too many requests. */
export class RateLimitError extends PlugboardApiError {
  override name = 'RateLimitError' as const;
  /** Seconds to wait before retrying, when the API said. */
  readonly retryAfter: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init);
    this.retryAfter = init.retryAfter;
  }
}
