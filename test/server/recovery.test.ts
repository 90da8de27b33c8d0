import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { recoveryPath } from '../../src/host/recoveryFile.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/server/server.ts';
import { createHttpHost } from '../../renderer/host/client.ts';
import {
  createProjectHost,
  createTestProject,
  type TestProject,
} from '../host/fixtures/project.ts';

describe('recovery routes', () => {
  let project: TestProject;
  let server: RunningServer;

  beforeAll(async () => {
    project = createTestProject();
    const rendererDir = join(project.root, 'dist', 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startServer({
      host: createProjectHost(project),
      rendererDir,
      port: 0,
      logger: createLogger('recovery test', () => undefined),
    });
  });

  afterAll(async () => {
    await server.close();
    project.remove();
  });

  it('returns null before any autosave', async () => {
    const host = createHttpHost({ baseUrl: server.url, token: server.token });
    expect(await host.readRecovery()).toBeNull();
  });

  it('round-trips recovery text', async () => {
    const host = createHttpHost({ baseUrl: server.url, token: server.token });
    const text = JSON.stringify({ notebookPath: null, text: '{"format":"x"}' });
    await host.writeRecovery(text);
    expect(await host.readRecovery()).toBe(text);
    expect(existsSync(recoveryPath(project.workspace))).toBe(true);
  });

  it('removes the file on discard', async () => {
    const host = createHttpHost({ baseUrl: server.url, token: server.token });
    await host.writeRecovery('{}');
    await host.discardRecovery();
    expect(existsSync(recoveryPath(project.workspace))).toBe(false);
  });

  it('rejects a write without the token', async () => {
    const response = await fetch(new URL('api/recovery', server.url), {
      method: 'PUT',
      headers: { [TOKEN_HEADER]: 'wrong' },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('rejects recovery text that is not JSON', async () => {
    const host = createHttpHost({ baseUrl: server.url, token: server.token });
    await expect(host.writeRecovery('not json')).rejects.toThrow(/not valid JSON/);
  });
});
