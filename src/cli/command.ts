/** The shape of one `perflens` subcommand and the errors that end a command with exit code 2. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & {
  /** Help text: what the option sets, with its unit or default. */
  description: string;
  /** Placeholder of the value in help, such as DIR. */
  valueName?: string;
};

export interface CliCommand {
  name: string;
  /** One line for `perflens --help`. */
  summary: string;
  /** Usage line after `perflens`, such as `score FILE|- [options]`. */
  usage: string;
  /** Extra help paragraphs: arguments, output and examples. */
  details: string;
  options: Record<string, OptionSpec>;
  /** Runs the command with parsed options and positionals; returns the exit code. */
  run(args: ParsedArgs): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Invalid command line or input file: printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a command's arguments strictly; unknown options raise UsageError. */
export function parseCommandArgs(command: CliCommand, argv: string[]): ParsedArgs {
  const options: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options)) {
    const { description: _description, valueName: _valueName, ...config } = spec;
    options[name] = config;
  }

  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals };
  } catch (error) {
    // Node's message for an unknown option suggests `--`, which misleads here, so name it plainly.
    const { code, message } = error as Error & { code?: string };
    const option = /'([^']+)'/.exec(message)?.[1];
    const detail =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined
        ? `Unknown option ${option}.`
        : message;
    throw new UsageError(`${detail}\nRun \`perflens ${command.name} --help\` for its options.`);
  }
}

/** Formats the help text of a command. */
export function commandHelp(command: CliCommand): string {
  const lines = [`Usage: perflens ${command.usage}`, '', command.summary, ''];
  if (command.details !== '') lines.push(command.details, '');

  lines.push('Options:');
  const entries: [flag: string, description: string][] = Object.entries(command.options).map(
    ([name, spec]) => {
      const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
      return [`  --${name}${value}`, spec.description];
    },
  );
  entries.push(['  -h, --help', 'Print this help.']);
  const width = Math.max(...entries.map(([flag]) => flag.length)) + 2;
  for (const [flag, description] of entries) lines.push(flag.padEnd(width) + description);
  return lines.join('\n');
}

/** Reads a non-negative integer option, or the default when it is absent. */
export function integerOption(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;

  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < 0) {
    throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}.`);
  }
  return value;
}
