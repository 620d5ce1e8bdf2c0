/** Why a PDF cannot become an edition; the message is meant for the operator who supplied it. */
export class PdfError extends Error {
  override name = 'PdfError';
}
