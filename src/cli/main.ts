/**
 * The `perflens` command line. Exit codes: 0 success, 1 unexpected failure, 2 invalid
 * arguments or input files (unknown option, missing file, invalid diff or model bundle).
 */
import { pathToFileURL } from 'node:url';

import { DiffParseError } from '../core/diff/errors.ts';
import { BundleError } from '../core/model/manifest.ts';
import { commandHelp, parseCommandArgs, UsageError, type CliCommand } from './command.ts';
import { evalCommand } from './eval.ts';
import { explainCommand } from './explain.ts';
import { scoreCommand } from './score.ts';
import { serveCommand } from './serve.ts';
import { trainCommand } from './train.ts';

/** Commands by name; a new command adds one entry. */
export const COMMANDS: Record<string, CliCommand> = {
  score: scoreCommand,
  eval: evalCommand,
  explain: explainCommand,
  train: trainCommand,
  serve: serveCommand,
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const lines = Object.values(COMMANDS).map(
    (command) => `  ${command.name.padEnd(width)}${command.summary}`,
  );
  return [
    'Usage: perflens COMMAND [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `perflens COMMAND --help` for the options of a command.',
  ].join('\n');
}

/** Runs the CLI on arguments (without node and script); returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name === undefined ? 2 : 0;
  }

  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`perflens: unknown command ${JSON.stringify(name)}.\n\n${mainHelp()}`);
    return 2;
  }

  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help === true) {
      console.log(commandHelp(command));
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    const invalidInput =
      error instanceof UsageError ||
      error instanceof BundleError ||
      error instanceof DiffParseError;
    if (invalidInput) {
      console.error(`perflens ${name}: ${error.message}`);
      return 2;
    }
    console.error(`perflens ${name} failed:`, error);
    return 1;
  }
}

/**
 * Ends the process quietly with status 0 when the reader closes the stdout pipe (EPIPE), as
 * `head` does after its lines. Without a listener, Node raises EPIPE as an uncaught error.
 */
function exitOnClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

// Run only as the entry script, so tests can import runCli without side effects.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  exitOnClosedStdout();
  process.exitCode = await runCli(process.argv.slice(2));
}
