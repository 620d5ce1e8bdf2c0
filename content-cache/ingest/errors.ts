/** Why a source cannot be ingested; one line, meant for the operator who named the source. */
export class IngestError extends Error {
  override name = 'IngestError';
}
