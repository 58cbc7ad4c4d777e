import { PlugboardError, SdkErrorCode } from './plugboard-error.js';

/** The request got no answer: offline, refused, blocked by CORS. */
export class NetworkError extends PlugboardError {
  override name = 'NetworkError' as const;
  declare readonly code: typeof SdkErrorCode.Network;

  constructor(method: string, path: string, cause: unknown) {
    super(SdkErrorCode.Network, `${method} ${path} got no answer from the Plugboard API`, { cause });
  }
}
