// Case files from the app, in Chromium through the browser door: export a case (the browser downloads it),
// import it into another archive with its report, and refuse an altered one until the investigator insists.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixture } from '../helpers';
import { ARTIFACTS, launchChromium, recordRequests, serveTempArchive, type ServedArchive } from './harness';

let sender: ServedArchive;
let receiver: ServedArchive;
let browser: Browser;
const requests: string[][] = [];
let caseId: string;

/** Where the data of the first `originals/` entry starts, from its zip local file header. */
function firstOriginalDataOffset(zip: Buffer): number {
  for (let at = zip.indexOf(Buffer.from('PK\u0003\u0004', 'latin1')); at >= 0; at = zip.indexOf(Buffer.from('PK\u0003\u0004', 'latin1'), at + 4)) {
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    if (name.startsWith('originals/')) return at + 30 + nameLength + extraLength;
  }
  throw new Error('no original in the case file');
}

async function pageFor(served: ServedArchive): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1440, height: 900 } });
  requests.push(recordRequests(context));
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(served.url);
  return page;
}

beforeAll(async () => {
  [sender, receiver] = await Promise.all([serveTempArchive(), serveTempArchive()]);
  const imported = await sender.api('importPaths', { paths: [fixture('articles', 'al-suknah-ambush.txt'), fixture('articles', 'badia-strikes.html')] });
  const [article, other] = imported.value.imported.map((entry: { id: string }) => entry.id);
  const statement = await sender.api('addStatement', { speaker: 'Yuri Popov', quote: 'Three militant bases were destroyed.', date: '2024-04-18', source: article });
  caseId = (await sender.api('createCase', { name: 'Al-Suknah ambush' })).value.id;
  await sender.api('addToCase', { caseRef: caseId, ids: [article, other, statement.value.id] });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([sender?.stop(), receiver?.stop()]);
});

it('exports a case from one archive and imports it into another, then refuses an altered copy until told', async () => {
  const out = await pageFor(sender);
  await out.locator(`[data-testid="case-row"][data-id="${caseId}"]`).click();
  const download = out.waitForEvent('download');
  await out.getByTestId('export-case-button').click();
  const zip = join(sender.dir, 'exported.zip');
  await (await download).saveAs(zip);
  expect((await download).suggestedFilename()).toBe('Al-Suknah ambush.zip');

  const into = await pageFor(receiver);
  await into.getByTestId('import-case-button').click();
  const chooser = into.waitForEvent('filechooser');
  await into.getByTestId('case-import-pick').click();
  await (await chooser).setFiles(zip);
  const report = into.getByTestId('case-import-report');
  await report.waitFor();
  expect(await report.textContent()).toContain('Added (3)');
  expect(await report.textContent()).toContain('verified');
  await into.screenshot({ path: join(ARTIFACTS, 'case-import-report.png') });
  await into.getByTestId('case-import-done').click();
  expect((await receiver.api('archiveInfo', {})).value.counts).toMatchObject({ article: 2, statement: 1 });

  // One byte changed in transit: refused with the file named, imported only when forced, and flagged.
  const bytes = readFileSync(zip);
  bytes[firstOriginalDataOffset(bytes) + 8]! ^= 0xff;
  const altered = join(receiver.dir, 'altered.zip');
  writeFileSync(altered, bytes);
  await into.getByTestId('import-case-button').click();
  const again = into.waitForEvent('filechooser');
  await into.getByTestId('case-import-pick').click();
  await (await again).setFiles(altered);
  await into.getByTestId('case-altered').waitFor();
  expect(await into.getByTestId('case-altered').textContent()).toMatch(/originals\/[0-9a-f]{64}\s*altered/);
  await into.getByTestId('case-import-force').click();
  await into.getByTestId('case-import-report').waitFor();
  expect(await into.getByTestId('case-import-report').textContent()).toContain('NOT verified (forced)');

  for (const [index, urls] of requests.entries()) {
    const origin = index === 0 ? sender.origin : receiver.origin;
    expect(urls.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
  }
}, 120_000);
