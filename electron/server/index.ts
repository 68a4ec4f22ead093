// The loopback browser door: serves the built renderer and every operation as POST /api/<name>, on 127.0.0.1
// only, with a random token per run that each API call must carry as `Authorization: Bearer <token>`.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Archive } from '../../db/open';
import { packageRoot } from '../../db/paths';
import { callOperation, errorResult } from '../contract/operations';
import { CONTENT_SECURITY_POLICY, EVIDENCE_CONTENT_SECURITY_POLICY } from '../contract/security';
import { presentedTokenMatches, send, sendError, sendJson, tokenMatches } from './respond';
import { serveCaseExport, serveCaseImport } from './case-files';

export const LOOPBACK_HOST = '127.0.0.1';
const MAX_BODY_BYTES = 300 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  port?: number;
  /** The built renderer; defaults to out/renderer in the package. */
  rendererDir?: string;
  token?: string;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function startServer(archive: Archive, options: ServerOptions = {}): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const rendererDir = options.rendererDir ?? join(packageRoot(), 'out', 'renderer');
  let port = 0;

  // Only our own origin may talk to us: this defeats DNS rebinding and cross-site requests from other pages.
  const hostAllowed = (host: string | undefined): boolean => host === `${LOOPBACK_HOST}:${port}` || host === `localhost:${port}`;
  const originAllowed = (origin: string | undefined): boolean =>
    origin === undefined || origin === `http://${LOOPBACK_HOST}:${port}` || origin === `http://localhost:${port}`;

  async function serveApi(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'API calls use POST.');
    if (!tokenMatches(request.headers.authorization, token)) {
      return sendError(response, 403, 'FORBIDDEN', 'Missing or wrong token: open the URL that `dossier serve` printed.');
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      return sendError(response, 415, 'INVALID_INPUT', 'API calls send JSON (Content-Type: application/json).');
    }
    let input: unknown;
    try {
      const body = await readBody(request);
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch (error) {
      const tooLarge = error instanceof RangeError;
      return sendError(response, tooLarge ? 413 : 400, 'INVALID_INPUT', tooLarge ? error.message : 'The request body is not valid JSON.');
    }
    const result = await callOperation(archive, name, input);
    if (!result.ok && result.error.code === 'UNKNOWN_OPERATION') return sendJson(response, 404, result);
    sendJson(response, 200, result);
  }

  /**
   * Evidence documents load in a frame, which cannot send an Authorization header: the token comes in the
   * query. The document is sandboxed by its own CSP (no script, opaque origin), so it cannot read the token.
   */
  async function serveEvidence(request: IncomingMessage, response: ServerResponse, url: URL, id: string, view: string): Promise<void> {
    if (request.method !== 'GET') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
    if (!presentedTokenMatches(url.searchParams.get('token'), token)) {
      return sendError(response, 403, 'FORBIDDEN', 'Missing or wrong token.');
    }
    if (view !== 'readable' && view !== 'original') return sendError(response, 404, 'NOT_FOUND', 'Unknown evidence view.');
    try {
      // Loaded on first use: it brings the HTML parser, which other requests do not need.
      const { evidenceDocument } = await import('../../db/ops/evidence');
      const { html } = await evidenceDocument(archive, { id, view });
      send(response, 200, html, 'text/html; charset=utf-8', {
        'Content-Security-Policy': EVIDENCE_CONTENT_SECURITY_POLICY,
        'X-Frame-Options': 'SAMEORIGIN',
        'Cache-Control': 'no-store',
      });
    } catch (error) {
      const { error: value } = errorResult(error) as { error: { code: string; message: string } };
      sendError(response, value.code === 'NOT_FOUND' ? 404 : 400, value.code, value.message);
    }
  }

  async function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'Use GET.');
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(rendererDir, relative);
    if (relative.startsWith('..') || !file.startsWith(rendererDir + sep)) return sendError(response, 404, 'NOT_FOUND', 'Not found.');
    try {
      const body = await readFile(file);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'Cache-Control': 'no-cache' };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      send(response, 200, request.method === 'HEAD' ? Buffer.alloc(0) : body, type, headers);
    } catch {
      if (relative === 'index.html') {
        return sendError(response, 500, 'INTERNAL', 'The app is not built: run `npm run build`.');
      }
      sendError(response, 404, 'NOT_FOUND', 'Not found.');
    }
  }

  const server = createServer((request, response) => {
    void (async () => {
      if (!hostAllowed(request.headers.host) || !originAllowed(request.headers.origin)) {
        return sendError(response, 403, 'FORBIDDEN', 'Requests must come from the Dossier page itself.');
      }
      const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
      const pathname = url.pathname;
      const api = /^\/api\/([A-Za-z]+)$/.exec(pathname);
      if (api) return serveApi(request, response, api[1]!);
      const evidence = /^\/evidence\/([0-9a-f-]{8,36})\/([a-z]+)$/.exec(pathname);
      if (evidence) return serveEvidence(request, response, url, evidence[1]!, evidence[2]!);
      const caseExport = /^\/case-export\/([^/]+)$/.exec(pathname);
      if (caseExport || pathname === '/case-import' || pathname === '/case-verify') {
        // Downloads are plain links (token in the query); uploads are fetches (token in the header).
        const authorised = tokenMatches(request.headers.authorization, token) || presentedTokenMatches(url.searchParams.get('token'), token);
        if (!authorised) return sendError(response, 403, 'FORBIDDEN', 'Missing or wrong token.');
        if (caseExport) return serveCaseExport(archive, request, response, decodeURIComponent(caseExport[1]!));
        return serveCaseImport(archive, request, response, { verifyOnly: pathname === '/case-verify', force: url.searchParams.get('force') === '1' });
      }
      return serveStatic(request, response, pathname);
    })().catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, 'INTERNAL', (error as Error).message);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
