import { PlugboardError, SdkErrorCode } from './plugboard-error.js';

/** No answer within the timeout. */
export class TimeoutError extends PlugboardError {
  override name = 'TimeoutError' as const;
  declare readonly code: typeof SdkErrorCode.Timeout;

  constructor(method: string, path: string, timeoutMs: number, cause: unknown) {
    super(SdkErrorCode.Timeout, `${method} ${path} got no answer within ${timeoutMs} ms`, { cause });
  }
}
