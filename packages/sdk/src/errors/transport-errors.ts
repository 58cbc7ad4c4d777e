import { PlugboardError, SdkErrorCode } from './plugboard-error.js';

/** The request got no answer: offline, refused, blocked by CORS. */
export class NetworkError extends PlugboardError {
  override name = 'NetworkError' as const;
  declare readonly code: typeof SdkErrorCode.Network;

  constructor(method: string, path: string, cause: unknown) {
    super(SdkErrorCode.Network, `${method} ${path} got no answer from the Plugboard API`, { cause });
  }
}

/** No answer within the timeout. */
export class TimeoutError extends PlugboardError {
  override name = 'TimeoutError' as const;
  declare readonly code: typeof SdkErrorCode.Timeout;

  constructor(method: string, path: string, timeoutMs: number, cause: unknown) {
    super(SdkErrorCode.Timeout, `${method} ${path} got no answer within ${timeoutMs} ms`, { cause });
  }
}
