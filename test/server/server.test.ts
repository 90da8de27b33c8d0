import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { serializeNotebook } from '../../src/core/notebook/index.ts';
import { createLogger } from '../../src/server/log.ts';
import { startServer, TOKEN_HEADER, type RunningServer } from '../../src/server/server.ts';
import { sampleNotebook } from '../core/notebook/sampleNotebook.ts';
import {
  createProjectHost,
  createTestProject,
  type TestProject,
} from '../host/fixtures/project.ts';

const INDEX_HTML = '<!doctype html><html><head><title>PerfLens</title></head><body></body></html>';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request with node:http, which (unlike fetch) can set any Host header and raw path.
 * An empty Host header sends none at all.
 */
function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const setHost = headers.Host !== '';
    const sent = { ...headers };
    if (!setHost) delete sent.Host;
    const options = { host: '127.0.0.1', port, path, method, headers: sent, setHost };
    const request = httpRequest(options, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

describe('startServer', () => {
  let project: TestProject;
  let server: RunningServer;
  let logLines: string[];
  const notebookText = serializeNotebook(sampleNotebook());

  beforeAll(async () => {
    project = createTestProject();
    const rendererDir = join(project.root, 'dist', 'renderer');
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(join(rendererDir, 'assets', 'tfjs.wasm'), new Uint8Array([0, 97, 115, 109]));
    writeFileSync(join(rendererDir, 'assets', 'style.css'), 'body{}');
    writeFileSync(join(rendererDir, 'assets', 'codicon.ttf'), 'font');

    logLines = [];
    const logger = createLogger('test', (line) => logLines.push(line));
    const host = createProjectHost(project);
    server = await startServer({ host, rendererDir, port: 0, logger, maxBodyBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await server.close();
    project.remove();
  });

  const api = (path: string, init?: RequestInit): Promise<Response> =>
    fetch(new URL(path, server.url), init);

  describe('listening', () => {
    it('binds to the loopback address', () => {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    });

    it('logs one start line', () => {
      const starts = logLines.filter((line) => line.includes('Started browser-mode server'));
      expect(starts.length).toBe(1);
    });
  });

  describe('static files', () => {
    it('injects the token into the page', async () => {
      const response = await api('/');
      const html = await response.text();
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain(`<meta name="perflens-token" content="${server.token}">`);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    const mimeCases: Array<[string, string]> = [
      ['/assets/app.js', 'text/javascript; charset=utf-8'],
      ['/assets/tfjs.wasm', 'application/wasm'],
      ['/assets/style.css', 'text/css; charset=utf-8'],
      ['/assets/codicon.ttf', 'font/ttf'],
    ];
    for (const [path, type] of mimeCases) {
      it(`serves ${path} as ${type}`, async () => {
        const response = await api(path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe(type);
      });
    }

    it('sends nosniff on every response', async () => {
      const response = await api('/assets/app.js');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers 404 for missing files', async () => {
      const response = await api('/assets/none.js');
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: 'File not found: /assets/none.js.',
        code: 'not-found',
      });
    });

    const traversals = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/%2e%2e%5cpackage.json',
    ];
    for (const path of traversals) {
      it(`keeps ${path} inside the renderer`, async () => {
        const response = await rawRequest(server.port, path, { Host: `127.0.0.1:${server.port}` });
        expect([400, 404]).toContain(response.status);
        expect(response.body).not.toContain('perflens');
      });
    }
  });

  describe('host header guard', () => {
    it('accepts localhost with the port', async () => {
      const headers = { Host: `localhost:${server.port}` };
      const response = await rawRequest(server.port, '/api/info', headers);
      expect(response.status).toBe(200);
    });

    for (const host of ['evil.example:80', 'localhost', `127.0.0.1.nip.io:12`]) {
      it(`rejects Host ${JSON.stringify(host)}`, async () => {
        const response = await rawRequest(server.port, '/api/info', { Host: host });
        expect(response.status).toBe(403);
        expect(JSON.parse(response.body).code).toBe('forbidden');
      });
    }

    it('rejects a missing Host header', async () => {
      // Node's HTTP server itself rejects with 400 to an HTTP/1.1 request without Host.
      const response = await rawRequest(server.port, '/api/info', { Host: '' });
      expect(response.status).toBe(400);
    });

    it('rejects cross-site API requests', async () => {
      const response = await api('/api/models', { headers: { 'Sec-Fetch-Site': 'cross-site' } });
      expect(response.status).toBe(403);
    });

    it('logs rejected requests', () => {
      expect(logLines.some((line) => line.includes('WARN') && line.includes('403'))).toBe(true);
    });
  });

  describe('api routes', () => {
    it('returns host info', async () => {
      const info = await (await api('/api/info')).json();
      expect(info.mode).toBe('browser');
      expect(info.version).toBe('9.8.7');
    });

    it('lists models with errors', async () => {
      const models = await (await api('/api/models')).json();
      expect(models.map((model: { id: string }) => model.id)).toEqual(['bow', 'broken']);
      expect(models[1].error).toContain('not valid JSON');
    });

    it('returns model files as bytes', async () => {
      const response = await api('/api/models/bow/files/weights.bin');
      expect(response.headers.get('content-type')).toBe('application/octet-stream');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(project.weights);
    });

    it('rejects an encoded traversal in file names', async () => {
      const response = await api('/api/models/bow/files/..%2F..%2Fpackage.json');
      expect(response.status).toBe(400);
      expect((await response.json()).code).toBe('invalid');
    });

    it('answers 404 for unknown models', async () => {
      const response = await api('/api/models/none/files/model.json');
      expect(response.status).toBe(404);
    });

    it('reads a notebook as text', async () => {
      const response = await api('/api/notebooks/read?path=notebooks/example.perflens.json');
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toBe(notebookText);
    });

    it('answers 403 outside the roots', async () => {
      const path = encodeURIComponent(join(project.outside, 'stolen.perflens.json'));
      const response = await api(`/api/notebooks/read?path=${path}`);
      expect(response.status).toBe(403);
    });

    it('answers 400 without a path', async () => {
      const response = await api('/api/notebooks/read');
      expect(response.status).toBe(400);
      expect((await response.json()).error).toBe(
        'Missing query parameter path in /api/notebooks/read.',
      );
    });

    it('answers 404 for unknown routes', async () => {
      const response = await api('/api/nothing');
      expect(response.status).toBe(404);
    });

    it('answers 405 for a wrong method', async () => {
      const response = await api('/api/models', { method: 'DELETE' });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET');
    });
  });

  describe('notebook writes', () => {
    const writeUrl = (name: string): string =>
      `/api/notebooks/write?path=${encodeURIComponent(join(project.workspace, name))}`;

    it('writes with the token', async () => {
      const response = await api(writeUrl('saved.perflens.json'), {
        method: 'PUT',
        headers: { [TOKEN_HEADER]: server.token },
        body: notebookText,
      });
      expect(response.status).toBe(200);
      expect((await response.json()).name).toBe('saved.perflens.json');
      const saved = readFileSync(join(project.workspace, 'saved.perflens.json'), 'utf8');
      expect(saved).toBe(notebookText);
    });

    it('lists the saved notebook', async () => {
      const files: Array<{ name: string }> = await (await api('/api/notebooks')).json();
      const names = files.map((file) => file.name);
      expect(names).toContain('saved.perflens.json');
      const recent = await (await api('/api/notebooks/recent')).json();
      expect(recent[0].name).toBe('saved.perflens.json');
    });

    it('rejects a write without token', async () => {
      const init = { method: 'PUT', body: notebookText };
      const response = await api(writeUrl('no-token.perflens.json'), init);
      expect(response.status).toBe(403);
      expect((await response.json()).error).toContain(`Missing or wrong ${TOKEN_HEADER} header`);
    });

    it('rejects a write with a wrong token', async () => {
      const response = await api(writeUrl('bad-token.perflens.json'), {
        method: 'PUT',
        headers: { [TOKEN_HEADER]: 'f'.repeat(64) },
        body: notebookText,
      });
      expect(response.status).toBe(403);
    });

    it('rejects a foreign origin', async () => {
      const response = await api(writeUrl('origin.perflens.json'), {
        method: 'PUT',
        headers: { [TOKEN_HEADER]: server.token, Origin: 'http://evil.example' },
        body: notebookText,
      });
      expect(response.status).toBe(403);
    });

    it('rejects a body above the limit', async () => {
      const response = await api(writeUrl('big.perflens.json'), {
        method: 'PUT',
        headers: { [TOKEN_HEADER]: server.token },
        body: 'x'.repeat(65 * 1024),
      });
      expect(response.status).toBe(413);
    });

    it('rejects an invalid notebook', async () => {
      const response = await api(writeUrl('bad.perflens.json'), {
        method: 'PUT',
        headers: { [TOKEN_HEADER]: server.token },
        body: '{"format": "perflens-notebook"',
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toContain('Invalid notebook: invalid JSON at line 1');
    });
  });
});

describe('startServer without a build', () => {
  it('explains how to build the renderer', async () => {
    const project = createTestProject();
    const host = createProjectHost(project);
    const logger = createLogger('test', () => undefined);
    const rendererDir = join(project.root, 'dist', 'renderer');
    const server = await startServer({ host, rendererDir, port: 0, logger });

    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
    } finally {
      await server.close();
      project.remove();
    }
  });
});
