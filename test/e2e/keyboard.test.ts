// A whole small investigation with the keyboard only, in real Chromium through the browser door: import, search,
// open, record a statement, link, switch items, read the shortcut sheet, file in a case and export it. Also:
// Arabic text reads right to left.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { ARTIFACTS, launchChromium, recordRequests, serveTempArchive, type ServedArchive } from './harness';

let served: ServedArchive;
let browser: Browser;
let page: Page;
let requests: string[];

const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

beforeAll(async () => {
  served = await serveTempArchive();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  requests = recordRequests(context);
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  await page.getByTestId('list-empty').waitFor();
  // The window-wide keys are registered just after the first paint: wait until they answer before relying on them.
  for (let tries = 0; (await focusedTestId()) !== 'search-input'; tries++) {
    if (tries === 100) throw new Error('The window-wide keys never answered Ctrl+F.');
    await page.keyboard.press('Control+f');
    await page.waitForTimeout(100);
  }
  await page.locator('body').focus();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('keyboard only', () => {
  it('imports with Ctrl+O and closes the report with Escape', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+o');
    await (await chooser).setFiles([fixture('articles', 'al-suknah-ambush.txt'), fixture('encodings', 'arabic-windows-1256.html')]);
    await page.getByTestId('import-report').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('import-report').waitFor({ state: 'detached' });
  });

  it('searches with Ctrl+F, moves into the hits with the arrow keys and opens one with Enter', async () => {
    await page.keyboard.press('Control+f');
    expect(await focusedTestId()).toBe('search-input');
    await page.keyboard.type('Popov');
    await page.getByTestId('search-hit').first().waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await focusedTestId()).toBe('search-hit');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-title').textContent(), { timeout: 10_000 }).toContain('Militia bus ambushed');
  });

  it('records a statement from the open article with Ctrl+Alt+S, Tab and Enter', async () => {
    await page.keyboard.press('Control+Alt+s');
    await page.getByTestId('statement-form').waitFor();
    expect(await focusedTestId()).toBe('field-speaker');
    await page.keyboard.type('Yuri Popov');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Major General');
    await page.getByTestId('field-quote').focus(); // the quote is further down the form; Tab order is tested above
    await page.keyboard.type('Russian aircraft destroyed three militant hideouts in the Al-Amur mountains.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('detail-title').textContent(), { timeout: 10_000 }).toContain('Yuri Popov');
  });

  it('links the statement to the article with Ctrl+Alt+L, typing and Enter', async () => {
    await page.keyboard.press('Control+Alt+l');
    await page.getByTestId('link-form').waitFor();
    await page.keyboard.type('ambushed');
    await page.getByTestId('link-candidate').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('link-relation').selectOption('quotes');
    await page.getByTestId('link-submit').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('link-form').waitFor({ state: 'detached' });
  });

  it('switches to any item with Ctrl+K and shows every shortcut with ?', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('quick-switcher-input').waitFor();
    await page.keyboard.type('السخنة');
    await page.locator('#switcher-results [role="option"]').first().waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('detail-title').textContent(), { timeout: 10_000 }).toContain('كمين');
    await page.locator('body').focus();
    await page.keyboard.press('Shift+?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    for (const label of ['Quick switcher', 'New statement', 'Import files', 'Search the archive']) {
      expect(await sheet.textContent()).toContain(label);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-shortcut-sheet.png') });
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
  });

  it('reads Arabic right to left inside the left-to-right interface', async () => {
    const title = page.getByTestId('detail-title');
    expect(await title.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('ltr');
    const firstParagraph = page.locator('[data-testid="article-body"] p').first();
    expect(await firstParagraph.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    // With the app's own fonts, loaded from the archive's server, not the web or the system.
    await page.evaluate(() => document.fonts.ready);
    expect(requests.some((url) => url.startsWith(served.origin) && /noto-naskh-arabic-arabic-400.*\.woff2$/.test(url))).toBe(true);
    expect(await page.evaluate(() => [...document.fonts].some((face) => face.family.includes('Noto Naskh Arabic') && face.status === 'loaded'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'rtl-article.png') });
  });

  it('resizes panes from the keyboard and remembers the layout after a reload', async () => {
    const list = page.getByTestId('item-list');
    const before = (await list.boundingBox())!.width;
    await page.getByTestId('list-splitter').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await list.boundingBox())!.width, { timeout: 5_000 }).toBe(before + 32);
    await page.reload();
    await page.getByTestId('item-list').waitFor();
    expect((await page.getByTestId('item-list').boundingBox())!.width).toBe(before + 32);
  });

  it('files the open item in a new case and exports the case, from the keyboard', async () => {
    await page.keyboard.press('Control+k');
    await page.getByTestId('quick-switcher-input').waitFor();
    await page.keyboard.type('Militia bus');
    await page.locator('#switcher-results [role="option"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('item-detail').waitFor();
    await page.getByTestId('new-case-button').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-form').waitFor();
    await page.keyboard.type('Keyboard case');
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('case-row').first().waitFor();
    await page.getByTestId('add-to-case-select').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByTestId('add-to-case-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('case-row').first().textContent(), { timeout: 5_000 }).toMatch(/Keyboard case\s*1/);
    await page.getByTestId('case-row').first().focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('export-case-button').waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-case-button').focus();
    await page.keyboard.press('Enter');
    expect((await download).suggestedFilename()).toBe('Keyboard case.zip');
  });

  it('never left the loopback server', () => {
    expect(requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'))).toEqual([]);
  });
});
