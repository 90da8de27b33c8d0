import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { HostError } from '../../src/host/api.ts';
import {
  HOST_METHODS,
  dispatchHostCall,
  hostChannel,
  hostFromBridge,
  type HostBridge,
} from '../../src/host/ipc.ts';
import type { NodeHost } from '../../src/host/nodeHost.ts';
import { createProjectHost, createTestProject, type TestProject } from './fixtures/project.ts';

/** A bridge that calls dispatchHostCall directly, as the preload and main process do over IPC. */
function directBridge(host: NodeHost): HostBridge {
  const entries = HOST_METHODS.map((method) => [
    method,
    (...args: unknown[]) => dispatchHostCall(host, method, structuredClone(args)),
  ]);
  return Object.fromEntries(entries) as HostBridge;
}

describe('dispatchHostCall', () => {
  let project: TestProject;
  let host: NodeHost;

  beforeEach(() => {
    project = createTestProject();
    host = createProjectHost(project, 'electron');
  });

  afterEach(() => {
    project.remove();
  });

  it('wraps a value in an envelope', async () => {
    const result = await dispatchHostCall(host, 'readModelFile', ['bow', 'weights.bin']);
    expect(result).toEqual({ ok: true, value: project.weights });
  });

  it('wraps a host error as data', async () => {
    const result = await dispatchHostCall(host, 'readModelFile', ['bow', '../../package.json']);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('rejects an unknown method', async () => {
    const result = await dispatchHostCall(host, 'constructor', []);
    expect(result).toEqual({
      ok: false,
      error: { message: 'Unknown host method "constructor".', code: 'invalid' },
    });
  });

  it('rejects arguments of the wrong type', async () => {
    const result = await dispatchHostCall(host, 'readNotebook', [{ path: 'x' }]);
    expect(result).toEqual({
      ok: false,
      error: { message: 'Host method readNotebook takes 1 string argument.', code: 'invalid' },
    });
  });

  it('rejects a wrong argument count', async () => {
    const result = await dispatchHostCall(host, 'writeNotebook', ['only-a-path']);
    expect(result.ok).toBe(false);
  });

  it('names channels by method', () => {
    expect(HOST_METHODS.map(hostChannel)).toContain('perflens:host:writeNotebook');
  });

  describe('hostFromBridge', () => {
    it('returns values through the bridge', async () => {
      const remote = hostFromBridge(directBridge(host));
      const info = await remote.info();
      expect(info.mode).toBe('electron');
      expect((await remote.listModels()).map((model) => model.id)).toEqual(['bow', 'broken']);
    });

    it('raises HostError with the code', async () => {
      const remote = hostFromBridge(directBridge(host));
      const call = remote.readNotebook(join(project.outside, 'stolen.perflens.json'));
      await expect(call).rejects.toBeInstanceOf(HostError);
      await expect(call).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
});
