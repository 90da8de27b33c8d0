/**
 * `perflens serve`: browser mode. Serves the built renderer and the host API on 127.0.0.1 and
 * prints the page URL on stdout; logs go to stderr. Stops on Ctrl+C (SIGINT) or SIGTERM.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createNodeHost } from '../host/nodeHost.ts';
import { resolveWorkspaceDir, WORKSPACE_ENV } from '../host/workspace.ts';
import { createLogger } from '../server/log.ts';
import { startServer, type RunningServer } from '../server/server.ts';
import { integerOption, UsageError, type CliCommand, type ParsedArgs } from './command.ts';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Prefix of the stdout line that carries the URL; scripts/start.mjs reads it. */
export const URL_LINE_PREFIX = 'PerfLens browser mode: ';

export interface ServeOptions {
  port: number;
  workspaceDir: string;
  rendererDir: string;
}

/** Reads the options of `serve`; raises UsageError on a port outside [0, 65535]. */
export function readServeOptions(
  args: ParsedArgs,
  env: NodeJS.ProcessEnv = process.env,
): ServeOptions {
  const port = integerOption(args, 'port', 0);
  if (port > 65535) throw new UsageError(`--port must be in [0, 65535], got ${port}.`);

  const workspace = args.values.workspace;
  const renderer = args.values.renderer;
  return {
    port,
    workspaceDir: resolveWorkspaceDir(typeof workspace === 'string' ? workspace : undefined, env),
    rendererDir: resolve(
      typeof renderer === 'string' ? renderer : join(PROJECT_ROOT, 'dist', 'renderer'),
    ),
  };
}

/** Starts the server for `perflens serve`; the caller stops it with `close()`. */
export async function startServe(options: ServeOptions): Promise<RunningServer> {
  const logger = createLogger('perflens serve');
  const indexPath = join(options.rendererDir, 'index.html');
  if (!existsSync(indexPath)) {
    logger.warn(
      `${indexPath} is missing, so the page shows a "not built" notice. ` +
        'Run `npm run build` first, or use `npm start`, which builds it.',
    );
  }

  const host = createNodeHost({
    projectRoot: PROJECT_ROOT,
    workspaceDir: options.workspaceDir,
    mode: 'browser',
    onWarning: (message) => logger.warn(message),
  });
  return startServer({ host, rendererDir: options.rendererDir, port: options.port, logger });
}

async function runServe(args: ParsedArgs): Promise<number> {
  const options = readServeOptions(args);

  let server: RunningServer;
  try {
    server = await startServe(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE' ? ' Pick another --port, or 0 for a free one.' : '';
    const message = (error as Error).message;
    console.error(`perflens serve: failed to start the server: ${message}.${hint}`);
    return 1;
  }

  process.stdout.write(`${URL_LINE_PREFIX}${server.url}\n`);

  // `on`, not `once`: Ctrl+C in a terminal can deliver SIGINT twice (to this process and through
  // bin/perflens.js), and a second signal must not kill the process before close() finishes.
  await new Promise<void>((resolveStop) => {
    process.on('SIGINT', () => resolveStop());
    process.on('SIGTERM', () => resolveStop());
  });
  await server.close();
  return 0;
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the workbench in a browser on http://127.0.0.1 (browser mode).',
  usage: 'serve [options]',
  details: [
    'Listens on 127.0.0.1 only and prints the page URL. Saving from the page needs the',
    'per-run token that the page receives, so other pages and programs cannot write files.',
    'Stop with Ctrl+C.',
  ].join('\n'),
  options: {
    port: {
      type: 'string',
      valueName: 'N',
      description: 'TCP port to listen on; 0 (the default) picks a free port.',
    },
    workspace: {
      type: 'string',
      valueName: 'DIR',
      description:
        `Folder for your notebooks and the recent-files list (default: $${WORKSPACE_ENV}, ` +
        'else ~/PerfLens).',
    },
    renderer: {
      type: 'string',
      valueName: 'DIR',
      description: 'Built renderer to serve (default: dist/renderer).',
    },
  },
  run: runServe,
};
