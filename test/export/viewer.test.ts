// The offline viewer of a case file, opened from the unzipped folder (file://) in headless Chromium: it lists
// every item, search-in-page narrows the list and marks the words (Arabic and Cyrillic folded as in the app),
// item pages show provenance, hashes and links, and not one request leaves the folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseZip } from '../../db/export/reader';
import { repoRoot, tempArchive, tempDir, type TestArchive } from '../helpers';
import { buildRichCase, type BuiltCase } from './case-fixtures';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(repoRoot, 'test', 'artifacts');
const work = tempDir('dossier-viewer-');
const folder = join(work.path, 'case');
let t: TestArchive;
let built: BuiltCase;
let browser: Browser;
let hostileId = '';
const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1"> "quoted" & </title><script>window.__pwned=1</script>';
const dialogs: string[] = [];
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  t = tempArchive();
  built = await buildRichCase(t.archive);
  // Text that tries to be markup: it must show as text and never run.
  hostileId = (await t.call('addNote', { title: HOSTILE_TITLE, body: '</script><script>window.__pwned = 1</script><img src="https://tracker.invalid/x.png">' })).id;
  await t.call('addToCase', { caseRef: built.caseId, ids: [hostileId] });
  const zipPath = join(work.path, 'case.zip');
  await t.call('exportCase', { caseRef: built.caseId, outPath: zipPath });
  mkdirSync(folder);
  if (existsSync('/usr/bin/unzip')) {
    execFileSync('unzip', ['-q', zipPath, '-d', folder]);
  } else {
    const zip = await CaseZip.open(zipPath);
    for (const entry of zip.entries()) {
      mkdirSync(join(folder, entry.path, '..'), { recursive: true });
      writeFileSync(join(folder, entry.path), await zip.read(entry.path, Number.MAX_SAFE_INTEGER));
    }
    zip.close();
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  context.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  t.dispose();
  work.remove();
});

const visibleRows = (): Promise<number> => page.locator('tbody tr:not([hidden])').count();

describe('offline case viewer', () => {
  it('opens from disk and lists every item of the case', async () => {
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    await expect(page.locator('h1').textContent()).resolves.toBe(built.caseName);
    expect(await visibleRows()).toBe(9);
    await expect(page.locator('#count').textContent()).resolves.toBe('9 of 9 items');
    expect(await page.locator('tbody').textContent()).toContain('ملاحظات حول كمين السخنة');
  });

  it('searches in page: narrows the list, marks the words, folds Arabic and Cyrillic letters', async () => {
    await page.fill('#q', 'popov');
    await expect.poll(visibleRows).toBeLessThan(9);
    // Alif with hamza in the text, bare alif in the query; ё in the text, е in the query.
    await page.fill('#q', 'احمد');
    await expect.poll(visibleRows).toBe(1);
    expect(await page.locator('tbody tr:not([hidden]) .title a').textContent()).toBe('ملاحظات حول كمين السخنة');
    expect(await page.locator('tbody tr:not([hidden]) mark').first().textContent()).toBe('أحمد');
    await page.fill('#q', 'артем');
    await expect.poll(visibleRows).toBe(1);
    await page.fill('#q', 'no-such-word-anywhere');
    await expect.poll(visibleRows).toBe(0);
    await page.fill('#q', '');
    await page.click('.filters button[data-type="incident"]');
    await expect.poll(visibleRows).toBe(1);
    await page.click('.filters button[data-type=""]');
    await page.fill('#q', 'suknah');
    await expect.poll(visibleRows).toBeGreaterThan(1);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'case-viewer.png'), fullPage: true });
  });

  it('shows an item with its claims, provenance, hashes and links, and follows a link to another item', async () => {
    await page.goto(pathToFileURL(join(folder, 'items', `${built.ids.incident}.html`)).href);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ambush on a bus near Al-Suknah');
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('Claims, as each source gives them');
    expect(body).toContain('22');
    expect(body).toContain('pro-government outlet');
    expect(body).toMatch(/Content SHA-256[0-9a-f]{64}/);
    await page.screenshot({ path: join(ARTIFACTS, 'case-viewer-incident.png'), fullPage: true });
    await page.click(`a[href="${built.ids.ambush}.html"] >> nth=0`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Al-Suknah');
    const article = (await page.locator('main').textContent()) ?? '';
    expect(article).toContain('Desert Monitor (outlet, reliability B)');
    expect(article).toMatch(/original.*[0-9a-f]{64}/s);
    expect(await page.locator('.thumbs img').count()).toBeGreaterThan(0);
    expect(await page.locator('.thumbs img').first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'case-viewer-article.png'), fullPage: true });
  });

  it('shows text that looks like markup as text, and runs none of it', async () => {
    await page.goto(pathToFileURL(join(folder, 'index.html')).href);
    await page.fill('#q', 'pwned');
    await expect.poll(visibleRows).toBe(1);
    expect(await page.locator('tbody tr:not([hidden]) .title a').textContent()).toBe(HOSTILE_TITLE);
    await page.goto(pathToFileURL(join(folder, 'items', `${hostileId}.html`)).href);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_TITLE);
    expect(await page.locator('main .text').textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('made no request outside the unzipped folder and broke no policy', () => {
    const base = pathToFileURL(folder).href;
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((url) => !url.startsWith(`${base}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
