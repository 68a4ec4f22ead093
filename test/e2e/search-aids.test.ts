// Search in the app beyond the box: sort by date, "also matching" spellings, facets that narrow the query when
// clicked, search within a case, and the syntax help.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { launchChromium, serveTempArchive, type ServedArchive } from './harness';

let served: ServedArchive;
let browser: Browser;
let page: Page;
let caseId: string;

beforeAll(async () => {
  served = await serveTempArchive();
  const imported = await served.api('importPaths', {
    paths: [fixture('articles', 'al-suknah-ambush.txt'), fixture('articles', 'badia-strikes.html'), fixture('articles', 'field-note.md')],
  });
  const ids = imported.value.imported.map((entry: { id: string }) => entry.id);
  await served.api('addStatement', { speaker: 'Yuri Popov', quote: 'Three bases of militants were destroyed near Sukhnah.', date: '2024-04-18' });
  caseId = (await served.api('createCase', { name: 'Badia' })).value.id;
  await served.api('addToCase', { caseRef: caseId, ids: [ids[1]] });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(15_000);
  await page.goto(served.url);
  await page.getByTestId('item-row').first().waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const hitTitles = () => page.getByTestId('row-title').allTextContents();

it('sorts, narrows by facet, searches within a case and shows the syntax', async () => {
  await page.getByTestId('search-input').fill('militant OR militants OR fighters');
  await page.getByTestId('search-hit').first().waitFor();
  await page.getByTestId('facets').waitFor();
  await page.getByTestId('sort-date').click();
  await expect.poll(async () => (await hitTitles())[0]).toContain('Russia says strikes');

  await page.getByTestId('facet-type').getByText('statement').click();
  await expect.poll(() => page.getByTestId('search-input').inputValue()).toContain('type:statement');
  await expect.poll(async () => (await hitTitles()).length).toBe(1);

  await page.getByTestId('search-input').fill('militant');
  await page.locator(`[data-testid="case-row"][data-id="${caseId}"]`).click();
  await expect.poll(async () => hitTitles()).toEqual(['Russia says strikes hit militant bases in Syrian desert']);

  await page.getByTestId('search-help-button').click();
  await page.getByTestId('search-help').waitFor();
  expect(await page.getByTestId('search-help').textContent()).toContain('NEAR/5');
  await page.keyboard.press('Escape');
});

it('suggests other spellings from titles and names', async () => {
  await page.getByTestId('nav-all').click();
  await page.getByTestId('search-input').fill('Suknah');
  await page.getByTestId('search-suggestions').waitFor();
  expect(await page.getByTestId('search-suggestions').textContent()).toMatch(/Also matching:/);
});
