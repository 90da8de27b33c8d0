import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serializeNotebook } from '../../../src/core/notebook/index.ts';
import { HostError } from '../../../src/host/api.ts';
import { createLogger } from '../../../src/server/log.ts';
import { startServer, type RunningServer } from '../../../src/server/server.ts';
import { createHttpHost } from '../../../renderer/host/client.ts';
import { sampleNotebook } from '../../core/notebook/sampleNotebook.ts';
import {
  createProjectHost,
  createTestProject,
  type TestProject,
} from '../../host/fixtures/project.ts';

describe('createHttpHost', () => {
  let project: TestProject;
  let server: RunningServer;
  const text = serializeNotebook(sampleNotebook());

  beforeAll(async () => {
    project = createTestProject();
    const host = createProjectHost(project);
    server = await startServer({
      host,
      rendererDir: join(project.root, 'dist', 'renderer'),
      port: 0,
      logger: createLogger('test', () => undefined),
    });
  });

  afterAll(async () => {
    await server.close();
    project.remove();
  });

  it('reads info and models', async () => {
    const client = createHttpHost({ baseUrl: server.url, token: null });
    expect((await client.info()).version).toBe('9.8.7');
    expect((await client.listModels())[0]!.id).toBe('bow');
  });

  it('reads model bytes', async () => {
    const client = createHttpHost({ baseUrl: server.url, token: null });
    expect(await client.readModelFile('bow', 'weights.bin')).toEqual(project.weights);
  });

  it('saves and reads a notebook', async () => {
    const client = createHttpHost({ baseUrl: server.url, token: server.token });
    const path = join(project.workspace, 'client.perflens.json');
    const info = await client.writeNotebook(path, text);
    expect(info.path).toBe(path);
    expect(await client.readNotebook(path)).toBe(text);
    expect((await client.listRecentNotebooks())[0]!.path).toBe(path);
  });

  it('raises the server message as HostError', async () => {
    const client = createHttpHost({ baseUrl: server.url, token: null });
    const call = client.readModelFile('bow', 'CARD.md');
    await expect(call).rejects.toBeInstanceOf(HostError);
    await expect(call).rejects.toMatchObject({ code: 'forbidden' });
    await expect(call).rejects.toThrow("File 'CARD.md' is not part of model 'bow'");
  });

  it('rejects saving without a token', async () => {
    const client = createHttpHost({ baseUrl: server.url, token: null });
    const call = client.writeNotebook(join(project.workspace, 'x.perflens.json'), text);
    await expect(call).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('reports a stopped server', async () => {
    const stopped = await startServer({
      host: createProjectHost(project),
      rendererDir: join(project.root, 'dist', 'renderer'),
      port: 0,
      logger: createLogger('test', () => undefined),
    });
    await stopped.close();

    const client = createHttpHost({ baseUrl: stopped.url, token: null });
    await expect(client.info()).rejects.toThrow(/is not reachable/);
  });
});
