import pino, { type Logger } from 'pino';

/** Structured logs go to stderr so stdout carries only the lines other programs read (`fleet:`, `renderer:`, JSON). */
export function createLogger(defaultLevel: pino.Level = 'info'): Logger {
  return pino(
    { level: process.env.NEWSBOARD_LOG_LEVEL ?? defaultLevel, base: { app: 'newsboard' } },
    pino.destination(2),
  );
}
