import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { serializeNotebook } from '../../src/core/notebook/index.ts';
import { HostError } from '../../src/host/api.ts';
import { createNodeHost, type NodeHost } from '../../src/host/nodeHost.ts';
import { sampleNotebook } from '../core/notebook/sampleNotebook.ts';
import {
  bundleManifest,
  createTestProject,
  writeBundle,
  type TestProject,
} from './fixtures/project.ts';

/** Runs `call` and returns the HostError it raises, failing the test when it raises none. */
async function hostError(call: Promise<unknown>): Promise<HostError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof HostError) return error;
    throw error;
  }
  throw new Error('the host call succeeded');
}

describe('createNodeHost', () => {
  let project: TestProject;
  let host: NodeHost;
  let warnings: string[];

  beforeEach(() => {
    project = createTestProject();
    warnings = [];
    host = createNodeHost({
      projectRoot: project.root,
      workspaceDir: project.workspace,
      mode: 'browser',
      onWarning: (message) => warnings.push(message),
    });
  });

  afterEach(() => {
    project.remove();
  });

  describe('info', () => {
    it('reports version and start notebook', async () => {
      const info = await host.info();
      expect(info.version).toBe('9.8.7');
      expect(info.mode).toBe('browser');
      expect(info.defaultModelId).toBe('bow');
      expect(info.workspaceDir).toBe(project.workspace);
      expect(info.startNotebookPath).toBe(join(project.root, 'notebooks', 'example.perflens.json'));
    });
  });

  describe('models', () => {
    it('lists a broken bundle with its error', async () => {
      const models = await host.listModels();
      expect(models.map((model) => model.id)).toEqual(['bow', 'broken']);
      expect(models[0]!.manifest?.threshold).toBe(0.5);
      expect(models[0]!.error).toBeUndefined();
      expect(models[1]!.manifest).toBeNull();
      expect(models[1]!.error).toContain("Model bundle 'broken': manifest.json is not valid JSON");
    });

    it('hashes the manifest bytes', async () => {
      const bow = (await host.listModels())[0]!;
      const bytes = await host.readModelFile('bow', 'manifest.json');
      const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
      expect(bow.bundleHash).toBe(Buffer.from(digest).toString('hex'));
    });

    it('flags a manifest id mismatch', async () => {
      writeBundle(project.root, 'renamed', { 'model.json': '{}' },
        bundleManifest('original', { 'model.json': '{}' }));
      const renamed = (await host.listModels()).find((model) => model.id === 'renamed');
      expect(renamed?.error).toContain(
        "manifest id is 'original' but the folder is models/renamed",
      );
    });

    it('reads a listed file as bytes', async () => {
      const bytes = await host.readModelFile('bow', 'weights.bin');
      expect(bytes).toEqual(project.weights);
    });

    const rejected: Array<[string, string, HostError['code']]> = [
      ['..', 'package.json', 'invalid'],
      ['bow', '../../package.json', 'invalid'],
      ['bow', '..', 'invalid'],
      ['bow', '.hidden', 'invalid'],
      ['bow', 'CARD.md', 'forbidden'],
      ['missing', 'model.json', 'not-found'],
      ['broken', 'model.json', 'invalid'],
    ];

    for (const [modelId, fileName, code] of rejected) {
      it(`rejects ${modelId}/${fileName}`, async () => {
        const error = await hostError(host.readModelFile(modelId, fileName));
        expect(error.code).toBe(code);
      });
    }

    it('rejects a file with a wrong hash', async () => {
      writeFileSync(join(project.root, 'models', 'bow', 'weights.bin'), 'tampered');
      const error = await hostError(host.readModelFile('bow', 'weights.bin'));
      expect(error.code).toBe('invalid');
      expect(error.message).toContain('The bundle is damaged or was edited');
    });

    it('rejects a file linking outside', async () => {
      const files = { 'model.json': 'x' };
      writeBundle(project.root, 'linked', {}, bundleManifest('linked', files));
      const link = join(project.root, 'models', 'linked', 'model.json');
      symlinkSync(join(project.root, 'package.json'), link);
      const error = await hostError(host.readModelFile('linked', 'model.json'));
      expect(error.code).toBe('forbidden');
    });
  });

  describe('notebooks', () => {
    const text = serializeNotebook(sampleNotebook());

    it('writes and reads the workspace', async () => {
      const path = join(project.workspace, 'first.perflens.json');
      const info = await host.writeNotebook(path, text);
      expect(info.path).toBe(path);
      expect(info.name).toBe('first.perflens.json');
      expect(await host.readNotebook(path)).toBe(text);
    });

    it('resolves relative paths from the project', async () => {
      const read = await host.readNotebook('notebooks/example.perflens.json');
      expect(read).toBe(text);
    });

    it('lists notebooks of both roots', async () => {
      await host.writeNotebook(join(project.workspace, 'mine.perflens.json'), text);
      writeFileSync(join(project.root, 'notebooks', 'notes.txt'), 'not a notebook');
      const names = (await host.listNotebooks()).map((file) => file.name).sort();
      expect(names).toEqual(['example.perflens.json', 'mine.perflens.json']);
    });

    it('rejects paths outside the roots', async () => {
      const paths = [
        join(project.outside, 'stolen.perflens.json'),
        join(project.root, 'notebooks', '..', '..', 'outside', 'stolen.perflens.json'),
        '../outside/stolen.perflens.json',
      ];
      for (const path of paths) {
        const error = await hostError(host.readNotebook(path));
        expect(error.code, path).toBe('forbidden');
      }
    });

    it('rejects a symbolic link leaving a root', async () => {
      const link = join(project.root, 'notebooks', 'link.perflens.json');
      symlinkSync(join(project.outside, 'stolen.perflens.json'), link);
      const error = await hostError(host.readNotebook(link));
      expect(error.code).toBe('forbidden');
    });

    it('rejects a linked folder leaving a root', async () => {
      symlinkSync(project.outside, join(project.root, 'notebooks', 'escape'));
      const path = join(project.root, 'notebooks', 'escape', 'new.perflens.json');
      const error = await hostError(host.writeNotebook(path, text));
      expect(error.code).toBe('forbidden');
      expect(existsSync(join(project.outside, 'new.perflens.json'))).toBe(false);
    });

    it('rejects other file names', async () => {
      const error = await hostError(host.writeNotebook(join(project.workspace, 'x.json'), text));
      expect(error.code).toBe('invalid');
      expect(error.message).toContain('must be named NAME.perflens.json, found x.json');
    });

    it('rejects invalid notebook text', async () => {
      const path = join(project.root, 'notebooks', 'example.perflens.json');
      const error = await hostError(host.writeNotebook(path, text.slice(0, 100)));
      expect(error.code).toBe('invalid');
      expect(error.message).toContain('invalid JSON at line');
      expect(readFileSync(path, 'utf8')).toBe(text);
    });

    it('rejects a missing subfolder', async () => {
      const path = join(project.workspace, 'nested', 'x.perflens.json');
      await host.writeNotebook(join(project.workspace, 'first.perflens.json'), text);
      const error = await hostError(host.writeNotebook(path, text));
      expect(error.code).toBe('not-found');
    });

    it('reports a missing notebook', async () => {
      const error = await hostError(host.readNotebook('notebooks/none.perflens.json'));
      expect(error.code).toBe('not-found');
    });
  });

  describe('recent notebooks', () => {
    const text = serializeNotebook(sampleNotebook());

    it('lists opened and saved files newest first', async () => {
      const saved = join(project.workspace, 'saved.perflens.json');
      await host.readNotebook('notebooks/example.perflens.json');
      await host.writeNotebook(saved, text);
      const recent = await host.listRecentNotebooks();
      expect(recent.map((file) => file.name)).toEqual([
        'saved.perflens.json',
        'example.perflens.json',
      ]);
    });

    it('keeps the list in the workspace', async () => {
      await host.readNotebook('notebooks/example.perflens.json');
      const stored = JSON.parse(readFileSync(join(project.workspace, 'recent.json'), 'utf8'));
      expect(stored.paths).toEqual([join(project.root, 'notebooks', 'example.perflens.json')]);
    });

    it('recovers from a corrupt list', async () => {
      mkdirSync(project.workspace, { recursive: true });
      writeFileSync(join(project.workspace, 'recent.json'), '{"paths": [');
      await host.readNotebook('notebooks/example.perflens.json');
      expect(warnings[0]).toContain('Ignoring unreadable recent-files list');
      expect((await host.listRecentNotebooks()).length).toBe(1);
    });

    it('records concurrent saves', async () => {
      const names = ['a', 'b', 'c', 'd'];
      const paths = names.map((name) => join(project.workspace, `${name}.perflens.json`));
      await host.writeNotebook(paths[0]!, text);
      await Promise.all(paths.map((path) => host.writeNotebook(path, text)));
      expect((await host.listRecentNotebooks()).length).toBe(4);
    });
  });
});
