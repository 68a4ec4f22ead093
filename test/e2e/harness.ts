// Shared set-up for tests in real Chromium: `dossier serve` on a fresh archive, a headless Chromium that may not
// reach the network, and a record of every request the page (and its frames) made.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { repoRoot } from '../helpers';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(repoRoot, 'test', 'artifacts');
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is required for browser tests and was not found at ${CHROMIUM}. Install it with \`apt-get install -y chromium\`.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Every request a browser context makes, frames included. */
export function recordRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (request) => urls.push(request.url()));
  return urls;
}

export interface ServedArchive {
  url: string;
  origin: string;
  token: string;
  dir: string;
  api(name: string, input: unknown): Promise<any>;
  stop(options?: { keepFile?: boolean }): Promise<void>;
}

export async function serveTempArchive(): Promise<ServedArchive> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-browser-'));
  return serveArchiveFile(join(dir, 'archive.sqlite'), dir);
}

/** Serves an existing (or new) archive file; `stop()` removes `ownedDir` unless told to keep it. */
export async function serveArchiveFile(archivePath: string, ownedDir?: string): Promise<ServedArchive> {
  const dir = ownedDir ?? mkdtempSync(join(tmpdir(), 'dossier-browser-'));
  const child: ChildProcess = spawn(process.execPath, ['electron/cli/bin.mjs', 'serve', '--db', archivePath], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${output}`)), 45_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    dir,
    async api(name, input) {
      const response = await fetch(`${parsed.origin}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return response.json();
    },
    async stop(options = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.keepFile) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new page on the served app, with every request its context makes recorded. */
export async function openApp(
  browser: Browser,
  served: ServedArchive,
  options: { width?: number; height?: number } = {},
): Promise<{ page: import('playwright-core').Page; requests: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 } });
  const requests = recordRequests(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  return { page, requests };
}

/** Opens an item by clicking its row in the list, and waits for its page. */
export async function openItem(page: import('playwright-core').Page, id: string): Promise<void> {
  await page.locator(`[data-testid="item-row"][data-id="${id}"]`).click();
  await page.locator(`[data-testid="item-detail"][data-id="${id}"]`).waitFor();
}
