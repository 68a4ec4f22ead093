// The cross-linked record in the real app in Chromium, through the browser door: accept the suggested statement
// from an article and see its passage marked, read an incident's figures per source with grades and the range,
// an entity's page, the timeline and the link graph (screenshots in test/artifacts/records-*.png).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { ARTIFACTS, launchChromium, openApp, openItem as openAppItem, serveTempArchive, type ServedArchive } from './harness';

let served: ServedArchive;
let browser: Browser;
let page: Page;
let requests: string[];
let articleId: string;
let incidentId: string;

const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `records-${name}.png`) });

beforeAll(async () => {
  served = await serveTempArchive();
  const html = readFileSync(fixture('records', 'suknah-ambush.html')).toString('base64');
  articleId = (await served.api('importFiles', { files: [{ name: 'suknah-ambush.html', dataBase64: html }] })).value.imported[0].id;
  incidentId = (await served.api('addIncident', { title: 'Bus ambush near Al-Suknah', date: '2024-04-19', place: 'Al-Suknah', adminArea: 'Homs Governorate' })).value.id;
  await served.api('addClaim', { incidentId, kind: 'killed', valueNumber: 20, sourceId: articleId });
  await served.api('addClaim', { incidentId, kind: 'killed', valueNumber: 22, note: 'monitor figure, unsourced here' });
  await served.api('gradeSource', { sourceRef: 'Desert Courier', reliability: 'B', rationale: 'local stringers, good record' });
  await served.api('gradeItem', { id: articleId, credibility: 2 });
  await served.api('addLink', { from: articleId, to: incidentId, rel: 'reports-on' });

  browser = await launchChromium();
  ({ page, requests } = await openApp(browser, served, { height: 1000 }));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const openItem = (id: string): Promise<void> => openAppItem(page, id);

describe('statements, incidents, entities and views in the app', () => {
  it('accepts the suggested statement from the article and marks its passage', async () => {
    await openItem(articleId);
    await page.getByTestId('suggest-button').click();
    const popov = page.getByTestId('statement-suggestion').first();
    await popov.waitFor();
    expect(await popov.textContent()).toContain('Yuri Popov');
    expect(await popov.getByTestId('suggestion-date').textContent()).toBe('2024-04-18');
    await page.getByTestId('entity-suggestion').first().waitFor();
    await popov.scrollIntoViewIfNeeded();
    await shot('1-suggestions');

    await popov.getByTestId('suggestion-accept').click();
    const mark = page.getByTestId('passage-mark');
    await mark.waitFor();
    expect((await mark.textContent())!.replace(/\s+/g, ' ')).toBe(
      'The Russian Air Force destroyed three bases used by militants in the Homs desert over the past week.',
    );
    // The article's own text marks the passage where it stands; the mark opens the statement.
    const inBody = page.getByTestId('article-body').getByTestId('anchored-passage');
    await inBody.waitFor();
    expect(await inBody.textContent()).toContain('destroyed three bases');
    await inBody.scrollIntoViewIfNeeded();
    await shot('2-passage');
    // The readable page (a frame that runs no script) marks the same passage.
    await page.getByTestId('evidence-view-readable').click();
    const frameMarks = page.frameLocator('[data-testid="evidence-frame"]').locator('mark.passage');
    await expect.poll(() => frameMarks.allTextContents().then((texts) => texts.join('').replace(/\s+/g, ' ')), { timeout: 10_000 }).toBe(
      'The Russian Air Force destroyed three bases used by militants in the Homs desert over the past week.',
    );
    await shot('2b-passage-in-page');
    await page.getByTestId('evidence-view-text').click();
    await inBody.click();
    await page.locator('[data-testid="item-detail"][data-type="statement"]').waitFor();
    expect(await page.getByTestId('passages').getByTestId('passage-mark').textContent()).toContain('destroyed three bases');
  });

  it('shows the figures per source with their grades and the range', async () => {
    await openItem(incidentId);
    const grades = await page.getByTestId('claim-grade').allTextContents();
    expect(grades).toEqual(['B2', '—']);
    expect(await page.getByTestId('claim-ranges').textContent()).toContain('killed: 20–22 (2 sources)');
    await page.getByTestId('claims-table').scrollIntoViewIfNeeded();
    await shot('3-claims');
  });

  it('draws the link graph around the item and opens an entity page from it', async () => {
    await openItem(articleId);
    const graph = page.getByTestId('graph-view');
    await graph.scrollIntoViewIfNeeded();
    await page.getByTestId('graph-depth').selectOption('2');
    await expect.poll(() => graph.locator('[data-testid="graph-node"][data-type="person"]').count()).toBe(1);
    expect(await graph.locator('[data-testid="graph-node"][data-type="incident"]').count()).toBe(1);
    await shot('4-graph');
    await graph.locator('[data-testid="graph-node"][data-type="person"] rect').click();
    await page.getByTestId('entity-page').waitFor();
    expect(await page.getByTestId('entity-name').textContent()).toBe('Yuri Popov');
    expect(await page.getByTestId('entity-statements').locator('li').count()).toBe(1);
    await shot('5-entity');
  });

  it('places the statement and the incident on the timeline, and opens them from it', async () => {
    await page.getByTestId('timeline-button').click();
    const entries = page.getByTestId('timeline-entry');
    await expect.poll(() => entries.count()).toBe(2);
    await page.getByTestId('timeline-zoom-in').click();
    await shot('6-timeline');
    await page.locator(`[data-testid="timeline-entry"][data-id="${incidentId}"]`).click();
    await page.locator(`[data-testid="item-detail"][data-id="${incidentId}"]`).waitFor();
    expect(requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'))).toEqual([]);
  });

  it("edits the incident's place and coordinates, then makes the first version current again", async () => {
    await openItem(incidentId);
    const detail = page.locator(`[data-testid="item-detail"][data-id="${incidentId}"]`);
    await detail.getByTestId('detail-edit').click();
    const dialog = page.getByTestId('edit-dialog');
    await dialog.getByTestId('edit-place').fill('As-Sukhnah');
    await dialog.getByTestId('edit-latitude').fill('34.89');
    await dialog.getByTestId('edit-submit').click();
    // Half a coordinate is refused by the archive, and the form says why.
    await expect.poll(() => dialog.getByTestId('dialog-error').textContent()).toMatch(/both a latitude and a longitude/);
    await dialog.getByTestId('edit-longitude').fill('38.87');
    await shot('7-edit');
    await dialog.getByTestId('edit-submit').click();
    await expect.poll(() => detail.getByTestId('incident-place').textContent()).toBe('As-Sukhnah');
    expect(await detail.getByTestId('incident-coordinates').textContent()).toBe('34.89000, 38.87000');

    await detail.getByTestId('detail-history').click();
    const versions = page.getByTestId('history-version');
    await expect.poll(() => versions.count()).toBe(1);
    // The first version says what it had where it differs from now.
    const before = await versions.first().getByTestId('history-differences').innerText();
    expect(before.replace(/\s+/g, ' ')).toBe('Place Al-Suknah Latitude (empty) Longitude (empty)');
    await shot('8-history');
    await versions.first().getByTestId('history-restore').click();
    await expect.poll(() => detail.getByTestId('incident-place').textContent()).toBe('Al-Suknah');
    expect(await detail.getByTestId('incident-coordinates').count()).toBe(0);
    await detail.getByTestId('detail-history').click();
    await expect.poll(() => page.getByTestId('history-version').count()).toBe(2);
    await page.keyboard.press('Escape');
    expect(requests.filter((url) => !url.startsWith(served.origin) && !url.startsWith('data:'))).toEqual([]);
  });

  it('links the article to the incident at a passage of its text, shown with the link', async () => {
    await openItem(articleId);
    const detail = page.locator(`[data-testid="item-detail"][data-id="${articleId}"]`);
    await detail.getByTestId('detail-link-button').click();
    const dialog = page.getByTestId('link-dialog');
    await dialog.getByTestId('link-search').fill('Bus ambush');
    const candidate = dialog.locator(`[data-testid="link-candidate"][data-id="${incidentId}"]`);
    await candidate.waitFor();
    await candidate.click();
    await dialog.getByTestId('link-relation').selectOption('mentions');
    await dialog.getByTestId('link-passage').fill('killing at least 20 people');
    await dialog.getByTestId('link-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const entry = detail.locator('li.link-entry', { has: page.locator(`[data-testid="link-entry"][data-rel="mentions"][data-id="${incidentId}"]`) });
    await expect.poll(() => entry.getByTestId('link-passage-text').textContent()).toBe('killing at least 20 people');
    await shot('9-link-passage');
  });
});
