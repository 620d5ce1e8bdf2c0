import type { BridgeErrorBody } from '../../../common/bridge/api.js';

/**
 * Codes the host sends, plus two only the renderer can observe: the host did not answer at all, or
 * answered with something the contract does not allow.
 */
export type BridgeErrorCode = BridgeErrorBody['error']['code'] | 'unreachable' | 'bad-response';

export class BridgeError extends Error {
  override name = 'BridgeError';

  constructor(
    readonly code: BridgeErrorCode,
    message: string,
  ) {
    super(message);
  }
}
