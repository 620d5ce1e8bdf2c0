/**
 * A failed transfer step. `retryable` says whether another attempt in the same round may succeed;
 * `source` tells a flaky link (which loses no progress) from a server or its bytes misbehaving, and
 * both from the board's own disk failing.
 */
export class TransferError extends Error {
  override name = 'TransferError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly source: 'network' | 'server' | 'content' | 'disk',
  ) {
    super(message);
  }
}

/** Errors of the board's own disk: retrying in the same round only fails again and wears the disk. */
const DISK_CODES: Record<string, string> = {
  ENOSPC: 'disk full',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'disk is read-only',
  EIO: 'disk I/O error',
  SQLITE_FULL: 'disk full',
  SQLITE_IOERR: 'disk I/O error',
  SQLITE_READONLY: 'disk is read-only',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : undefined;
}

export function diskProblem(error: unknown): string | null {
  const code = codeOf(error);
  return (code && DISK_CODES[code]) || null;
}

/** fetch() reports every network failure as "fetch failed"; the operator needs the cause (refused, DNS, reset). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const disk = diskProblem(error);
  if (disk) return `${disk} (${codeOf(error)}): ${error.message}`;
  const cause = error.cause as { message?: unknown; code?: unknown } | undefined;
  const detail =
    (typeof cause?.message === 'string' && cause.message) || (typeof cause?.code === 'string' && cause.code) || '';
  return detail && !error.message.includes(detail) ? `${error.message}: ${detail}` : error.message;
}
