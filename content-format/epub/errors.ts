/** Why a file cannot become a book; the message is meant for the operator who supplied it. */
export class EpubError extends Error {
  override name = 'EpubError';
}
