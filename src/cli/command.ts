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
    const option = /'(-[^' ]+)/.exec(message)?.[1];
    let detail = message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) {
      detail = `Unknown option ${option}.`;
    } else if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
      detail = missingValueMessage(command, argv, option);
    }
    throw new UsageError(`${detail}\nRun \`perflens ${command.name} --help\` for its options.`);
  }
}

/**
 * Explains a string option without its value. Node's parseArgs takes a value that starts with
 * a dash, such as `-1`, for the next option, and its message suggests a forgotten value.
 */
function missingValueMessage(command: CliCommand, argv: string[], option: string): string {
  const spec = command.options[option.replace(/^--/, '')];
  const valueName = spec?.valueName ?? 'VALUE';
  const index = argv.indexOf(option);
  const next = index === -1 ? undefined : argv[index + 1];
  if (next === undefined) return `${option} needs a value (${valueName}).`;

  if (/^-\d/.test(next)) {
    const value = JSON.stringify(next);
    return `${option} must be a whole number, got ${value}; negative values are invalid.`;
  }
  return (
    `${option} needs a value (${valueName}), but the next argument is ${JSON.stringify(next)}. ` +
    `Put the value right after ${option}.`
  );
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

/**
 * Reads a whole-number option of at least `minimum` (default 0), or `fallback` when it is
 * absent. The error names the option, the value and the minimum.
 */
export function integerOption(
  args: ParsedArgs,
  name: string,
  fallback: number,
  minimum = 0,
): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;

  const value = Number(raw);
  const whole = typeof raw === 'string' && raw.trim() !== '' && Number.isInteger(value);
  if (!whole || value < minimum) {
    throw new UsageError(
      `--${name} must be a whole number of at least ${minimum}, got ${JSON.stringify(raw)}.`,
    );
  }
  return value;
}
