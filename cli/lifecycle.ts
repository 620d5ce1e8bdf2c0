/** Keeps a long-running command alive until SIGINT/SIGTERM, then closes what it started, in order. */
export function closeOnSignal(closers: (() => Promise<void>)[]): void {
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    for (const close of closers) await close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}
