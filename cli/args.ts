import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/** A failure the user can fix: printed as one line on stderr, with a non-zero exit. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface CommandSpec<O extends ParseArgsOptionsConfig> {
  name: string;
  usage: string;
  summary: string;
  options: O;
  allowPositionals?: boolean;
}

export type ParsedArgs<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>;

/** Keeps the option literals, so parsed values are typed (string vs boolean) per option. */
export function defineCommand<const O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

export function helpText<O extends ParseArgsOptionsConfig>(spec: CommandSpec<O>, details: string): string {
  return `Usage: newsboard ${spec.name} ${spec.usage}\n\n${spec.summary}\n\n${details.replace(/^\n+|\s+$/g, '')}\n`;
}

/** Parses argv strictly; unknown options and missing values become a CliError naming the problem. */
export function parseCommandArgs<O extends ParseArgsOptionsConfig>(
  spec: CommandSpec<O>,
  argv: string[],
): ParsedArgs<O> {
  try {
    const parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
    if (!spec.allowPositionals && parsed.positionals.length > 0) {
      throw new CliError(`newsboard ${spec.name}: unexpected argument ${parsed.positionals[0]}`);
    }
    return parsed;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`newsboard ${spec.name}: ${(error as Error).message}`);
  }
}

export function requireOption(value: string | undefined, command: string, option: string): string {
  if (!value) throw new CliError(`newsboard ${command}: ${option} is required`);
  return value;
}
