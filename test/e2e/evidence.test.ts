// The evidence viewer in real Chromium: a hostile saved page (scripts, trackers, remote fonts and CSS, frames,
// a form, a meta refresh) shown as readable text and as its original makes no request outside the archive and
// runs no script; an ordinary "complete" save shows its stored image.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { ARTIFACTS, launchChromium, openApp, openItem as openAppItem, serveTempArchive, type ServedArchive } from './harness';

let served: ServedArchive;
let browser: Browser;
let page: Page;
let requests: string[];
let hostileId: string;
let completeId: string;

const frame = () => page.frameLocator('[data-testid="evidence-frame"]');

beforeAll(async () => {
  served = await serveTempArchive();
  const hostile = readFileSync(fixture('hostile', 'hostile-article.html')).toString('base64');
  const report = await served.api('importFiles', { files: [{ name: 'hostile-article.html', dataBase64: hostile }] });
  hostileId = report.value.imported[0].id;
  cpSync(fixture('saved-complete'), join(served.dir, 'saved'), { recursive: true });
  completeId = (await served.api('importPaths', { paths: [join(served.dir, 'saved', 'ambush.html')] })).value.imported[0].id;

  browser = await launchChromium();
  ({ page, requests } = await openApp(browser, served));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const openItem = (id: string): Promise<void> => openAppItem(page, id);

describe('evidence viewer', () => {
  it('shows a hostile page, readable and original, without a single outside request or script', async () => {
    await openItem(hostileId);
    await page.getByTestId('evidence-view-readable').click();
    await expect.poll(() => frame().locator('body').textContent(), { timeout: 10_000 }).toContain('Gunmen attacked a bus near Al-Suknah');
    await page.screenshot({ path: join(ARTIFACTS, 'evidence-readable.png') });

    await page.getByTestId('evidence-view-original').click();
    await expect.poll(() => frame().locator('body').textContent(), { timeout: 10_000 }).toContain('tries every trick');
    // The page's own styles survive (it is the original), its remote ones do not.
    expect(await frame().locator('.lead').evaluate((element) => getComputedStyle(element).color)).toBe('rgb(51, 51, 51)');
    await page.waitForTimeout(1500); // long enough for the meta refresh, had it survived
    await page.screenshot({ path: join(ARTIFACTS, 'evidence-original.png') });

    expect(await frame().locator('title').textContent()).not.toBe('SCRIPT RAN');
    const outside = requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'));
    expect(outside).toEqual([]);
    expect(requests.filter((url) => url.includes('pwned'))).toEqual([]);
    expect(requests.some((url) => url.includes(`/evidence/${hostileId}/original`))).toBe(true);
  });

  it('shows provenance and a "complete" save with its stored image', async () => {
    await openItem(completeId);
    await expect(page.getByTestId('provenance-url').textContent()).resolves.toBe('https://dispatch.example.invalid/news/2024/04/19/suknah');
    await expect(page.getByTestId('provenance-sha256').textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('evidence-view-readable').click();
    const image = frame().locator('img[alt="The burnt-out bus on the desert road"]');
    await image.waitFor();
    expect(await image.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await image.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(4);
    await page.getByTestId('evidence-view-original').click();
    const originalImage = frame().locator('img[alt="The burnt-out bus on the desert road"]');
    await originalImage.waitFor();
    expect(await originalImage.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBe(4);
    expect(requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'))).toEqual([]);
  });

  it('shows a PDF original as its pages, drawn locally', async () => {
    const pdf = (await served.api('importPaths', { paths: [fixture('pdf', 'popov-briefing.pdf')] })).value.imported[0].id;
    await page.reload();
    await openItem(pdf);
    await page.getByTestId('evidence-view-original').click();
    const first = frame().locator('img[alt="Page 1"]');
    await first.waitFor();
    expect(await first.evaluate((element) => (element as HTMLImageElement).naturalWidth)).toBeGreaterThan(500);
    expect(await frame().locator('figcaption').first().textContent()).toMatch(/Page 1 of \d+/);
    await page.screenshot({ path: join(ARTIFACTS, 'evidence-pdf.png') });
    expect(requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'))).toEqual([]);
  });

  it('refuses evidence documents without the token', async () => {
    expect((await fetch(`${served.origin}/evidence/${hostileId}/original`)).status).toBe(403);
    expect((await fetch(`${served.origin}/evidence/${hostileId}/original?token=wrong`)).status).toBe(403);
    const ok = await fetch(`${served.origin}/evidence/${hostileId}/original?token=${served.token}`);
    expect(ok.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
  });
});
