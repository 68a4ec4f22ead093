// The browser door: loopback only, token required, same answers as the CLI, static app with its CSP.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot, tempDir } from '../helpers';

const dir = tempDir('dossier-serve-');
let server: ChildProcess;
let base: string;
let token: string;

beforeAll(async () => {
  server = spawn(process.execPath, [join(repoRoot, 'electron', 'cli', 'bin.mjs'), 'serve', '--db', join(dir.path, 'serve.sqlite')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(output.trim());
    });
    server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  const match = /^Dossier is running at (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)$/.exec(line);
  expect(match, line).not.toBeNull();
  base = match![1]!;
  token = match![2]!;
});

afterAll(() => {
  server?.kill('SIGTERM');
  dir.remove();
});

const api = (name: string, body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${token}` }) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('dossier serve', () => {
  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await api('search', { query: 'x' }, {});
    expect(none.status).toBe(403);
    expect(await none.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await api('search', { query: 'x' }, { Authorization: 'Bearer wrong' })).status).toBe(403);
    expect((await api('search', { query: 'x' }, { Authorization: `Bearer ${token}x` })).status).toBe(403);
  });

  it('answers operations with the token, like the CLI does', async () => {
    const path = fixture('articles', 'al-suknah-ambush.txt');
    const imported = await (await api('importPaths', { paths: [path] })).json();
    expect(imported).toMatchObject({ ok: true, value: { imported: [{ path, type: 'article' }] } });
    const response = await api('search', { query: 'Popov', limit: 5 });
    expect(response.status).toBe(200);
    expect(response.headers.get('connection')).toBe('keep-alive');
    const body = await response.json();
    expect(body.ok).toBe(true);
    expect(body.value.total).toBe(1);
    expect(Object.keys(body.value.hits[0]).sort()).toEqual(['date', 'id', 'snippet', 'title', 'type']);
  });

  it('answers bad input, unknown operations and broken JSON as data', async () => {
    expect(await (await api('search', { query: 5 })).json()).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((await api('dropEverything', {})).status).toBe(404);
    const broken = await fetch(`${base}/api/search`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{"query":' });
    expect(broken.status).toBe(400);
    expect((await fetch(`${base}/api/search`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it('serves the app with its content security policy and nothing outside the build', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding) or from another origin', async () => {
    const port = new URL(base).port;
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', method: 'GET', headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status({ Host: `evil.example:${port}` })).toBe(403);
    expect(await status({ Host: `127.0.0.1:${port}`, Origin: 'http://evil.example' })).toBe(403);
    expect(await status({ Host: `localhost:${port}` })).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = Number(new URL(base).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && !address.internal)
      .map((address) => address!.address);
    for (const address of external) {
      await expect(fetch(`http://${address}:${port}/`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    }
    // Whatever interfaces this machine has, the socket is bound to the loopback address itself.
    const { execFileSync } = await import('node:child_process');
    if (process.platform !== 'linux') return; // `ss` is Linux's; the connection checks above ran everywhere.
    const listening = execFileSync('ss', ['-Hltn', `sport = :${port}`], { encoding: 'utf8' });
    expect(listening).toContain(`127.0.0.1:${port}`);
    expect(listening).not.toMatch(new RegExp(`(0\\.0\\.0\\.0|\\*|\\[::\\]):${port}`));
  });
});
