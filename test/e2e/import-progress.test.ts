// Importing many files from the app: a progress bar with a cancel button; cancelling keeps what was imported
// (each item whole) and says so, and importing the same files again adds only the rest.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { launchChromium, serveTempArchive, type ServedArchive } from './harness';

let served: ServedArchive;
let browser: Browser;
let page: Page;
const files: string[] = [];

beforeAll(async () => {
  served = await serveTempArchive();
  const folder = join(served.dir, 'pages');
  mkdirSync(folder);
  const article = readFileSync(fixture('articles', 'badia-strikes.html'), 'utf8');
  for (let index = 0; index < 40; index++) {
    const path = join(folder, `page-${index}.html`);
    // Different enough to be separate articles: each page reports a different day.
    writeFileSync(path, article.replace('</article>', `<p>Day ${index} of the reporting: ${'detail '.repeat(index * 7)}${index}</p></article>`));
    files.push(path);
  }
  browser = await launchChromium();
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(served.url);
  await page.getByTestId('list-empty').waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

it('shows progress, cancels between batches, keeps what finished and resumes', async () => {
  await page.getByTestId('import-input').setInputFiles(files);
  await page.getByTestId('import-progress').waitFor();
  await page.getByTestId('import-cancel').click();
  await page.getByTestId('import-cancelled').waitFor();
  const firstRun = await served.api('archiveInfo', {});
  const kept = firstRun.value.counts.article as number;
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(files.length);
  const check = await served.api('listItems', { limit: 100 });
  expect(check.value.total).toBe(kept);
  await page.getByTestId('import-report-close').click();

  await page.getByTestId('import-input').setInputFiles(files);
  await page.getByTestId('import-summary').waitFor();
  expect(await page.getByTestId('import-summary').textContent()).toContain(`${files.length - kept} imported`);
  expect(await page.getByTestId('import-summary').textContent()).toContain(`${kept} already in the archive`);
  expect((await served.api('archiveInfo', {})).value.counts.article).toBe(files.length);
}, 90_000);
