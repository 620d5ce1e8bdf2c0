/** Why a feed was refused; `message` is one line meant for the operator who configured the source. */
export type FeedErrorCode =
  'too-large' | 'undecodable' | 'malformed' | 'too-deep' | 'entity-expansion' | 'unrecognized' | 'invalid';

export class FeedError extends Error {
  override name = 'FeedError';
  constructor(
    readonly code: FeedErrorCode,
    message: string,
  ) {
    super(message);
  }
}
