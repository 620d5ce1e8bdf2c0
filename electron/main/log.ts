/**
 * The slice of a pino logger the shell needs. Taking it as a parameter keeps modules free of a
 * global logger and lets tests assert on what was logged.
 */
export interface Logger {
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}
