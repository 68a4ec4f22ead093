// End to end in real Chromium through the browser door: `dossier serve` on a fresh archive, the built renderer,
// an article imported through the file input, search with highlighted hits, a statement sourced from the article
// and its backlink. Every request the page makes must stay on the loopback server; nothing may violate the CSP.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './harness';

const ROOT = resolve(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test', 'artifacts');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'e2e', 'suknah-bus-ambush.html');
const STEP_TIMEOUT = 60_000;
const UI_TIMEOUT = 15_000;

let server: ChildProcess | null = null;
let serverOutput = '';
let workDir = '';
let appUrl = '';
let origin = '';
let token = '';
let browser: Browser | null = null;
let page: Page;
const requests: string[] = [];
const consoleProblems: string[] = [];
let articleId = '';
let statementId = '';

function startServer(dbFile: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['electron/cli/bin.mjs', 'serve', '--db', dbFile, '--port', '0'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    server = child;
    const timer = setTimeout(
      () => reject(new Error(`\`dossier serve\` printed no URL within 45 s. Output so far:\n${serverOutput}`)),
      45_000,
    );
    const onData = (chunk: Buffer) => {
      serverOutput += chunk.toString('utf8');
      const match = /Dossier is running at (http:\/\/127\.0\.0\.1:\d+\/#token=[^\s]+)/.exec(serverOutput);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      serverOutput += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`\`dossier serve\` exited early with code ${code}. Output:\n${serverOutput}`));
    });
  });
}

async function shot(step: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `e2e-${step}.png`), fullPage: false });
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('browser mode in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is required for the browser e2e test and was not found at ${CHROMIUM}. ` +
          'Install it with `apt-get update && apt-get install -y chromium`.',
      );
    }
    if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
      throw new Error('The renderer is not built (out/renderer/index.html is missing): run `npm run build` first.');
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'dossier-e2e-'));
    appUrl = await startServer(join(workDir, 'e2e.sqlite'));
    const url = new URL(appUrl);
    origin = url.origin;
    token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    expect(token).not.toBe('');

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    // Collect CSP violations from inside the page (init scripts come from the driver, not the page, so the CSP
    // does not apply to them).
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleProblems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30_000);

  it('opens with the token taken out of the address bar and shows an empty archive', async () => {
    await page.goto(appUrl);
    await page.locator(byTestId('app')).waitFor();
    await expect.poll(() => page.url()).not.toContain('token=');
    expect(await page.evaluate(() => sessionStorage.getItem('dossier.token'))).toBe(token);
    await page.locator(byTestId('list-empty')).waitFor();
    expect(await page.locator(byTestId('count-all')).textContent()).toBe('0');
    await shot('1-empty');
  }, STEP_TIMEOUT);

  it('imports a saved article through the file input and reports it', async () => {
    await page.setInputFiles(byTestId('import-input'), FIXTURE);
    const report = page.locator(byTestId('import-report'));
    await report.waitFor();
    const entries = report.locator(byTestId('import-imported-entry'));
    await expect.poll(() => entries.count()).toBe(1);
    expect(await entries.first().textContent()).toContain('Al-Suknah');
    expect(await report.locator(byTestId('import-summary')).textContent()).toContain('1 imported');
    await shot('2-import-report');

    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator(byTestId('count-article')).textContent()).toBe('1');
    await page.locator(byTestId('item-row')).first().waitFor();
  }, STEP_TIMEOUT);

  it('finds the article by searching "Popov" and marks the match', async () => {
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await page.keyboard.type('Popov');
    const hit = page.locator(byTestId('search-hit')).first();
    await hit.waitFor();
    const mark = hit.locator('[data-testid="hit-snippet"] mark').first();
    await mark.waitFor();
    expect((await mark.textContent())?.toLowerCase()).toBe('popov');
    // The markers themselves never reach the screen.
    expect(await hit.textContent()).not.toMatch(/[\uE000\uE001]/);
    await shot('3-search');

    await hit.click();
    const detail = page.locator(`${byTestId('item-detail')}[data-type="article"]`);
    await detail.waitFor();
    articleId = (await detail.getAttribute('data-id')) ?? '';
    expect(articleId).not.toBe('');
    expect(await page.locator(byTestId('detail-title')).textContent()).toContain('Al-Suknah');
    expect(await page.locator(byTestId('article-body')).textContent()).toContain('three militant bases');
    await shot('4-article');
  }, STEP_TIMEOUT);

  it('shows an operation error in the form when the source item does not exist', async () => {
    await page.locator(byTestId('new-statement-button')).click();
    const dialog = page.locator(byTestId('statement-dialog'));
    await dialog.waitFor();
    await dialog.locator(byTestId('field-speaker')).fill('Nobody');
    await dialog.locator(byTestId('field-quote')).fill('A quote with a source that is not in the archive.');
    await dialog.locator(byTestId('field-source')).fill('no-such-item');
    await dialog.locator(byTestId('statement-submit')).click();
    const error = dialog.locator(byTestId('dialog-error'));
    await error.waitFor();
    expect((await error.textContent())?.length).toBeGreaterThan(5);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  }, STEP_TIMEOUT);

  it('records a statement sourced from the open article', async () => {
    await page.locator(byTestId('new-statement-button')).click();
    const dialog = page.locator(byTestId('statement-dialog'));
    await dialog.waitFor();
    expect(await dialog.locator(byTestId('field-source')).inputValue()).toBe(articleId);
    await dialog.locator(byTestId('field-speaker')).fill('Yuri Popov');
    await dialog.locator(byTestId('field-role')).fill('Major General');
    await dialog.locator(byTestId('field-organisation')).fill('Russian armed forces in Syria');
    await dialog.locator(byTestId('field-date')).fill('2024-04-18');
    await dialog.locator(byTestId('field-venue')).fill('Press conference');
    await dialog.locator(byTestId('field-language')).fill('en');
    await dialog
      .locator(byTestId('field-quote'))
      .fill('The Russian Air Force destroyed three militant bases in the Syrian desert. (as reported by Badiya Dispatch)');
    await shot('5-statement-form');
    await dialog.locator(byTestId('statement-submit')).click();
    await dialog.waitFor({ state: 'detached' });

    const detail = page.locator(`${byTestId('item-detail')}[data-type="statement"]`);
    await detail.waitFor();
    statementId = (await detail.getAttribute('data-id')) ?? '';
    expect(statementId).not.toBe('');
    expect(await page.locator(byTestId('statement-speaker')).textContent()).toBe('Yuri Popov');
    const link = page.locator(`${byTestId('links-list')} ${byTestId('link-entry')}[data-id="${articleId}"]`);
    await link.waitFor();
    expect(await link.getAttribute('data-rel')).toBe('sourced-from');
    await shot('6-statement');

    await link.click();
    await page.locator(`${byTestId('item-detail')}[data-id="${articleId}"]`).waitFor();
  }, STEP_TIMEOUT);

  it('shows the statement as a backlink on the article', async () => {
    const backlink = page.locator(`${byTestId('backlinks-list')} ${byTestId('backlink-entry')}[data-id="${statementId}"]`);
    await backlink.waitFor();
    expect(await backlink.textContent()).toContain('Yuri Popov');
    await backlink.scrollIntoViewIfNeeded();
    await shot('7-backlink');
    await backlink.click();
    await page.locator(`${byTestId('item-detail')}[data-id="${statementId}"]`).waitFor();
  }, STEP_TIMEOUT);

  it('links items through the picker, files them in a case, and trashes and restores one', async () => {
    await page.locator(byTestId('search-input')).fill('');
    await page.locator(byTestId('item-row')).first().waitFor();

    await page.locator(byTestId('new-incident-button')).click();
    const incidentDialog = page.locator(byTestId('incident-dialog'));
    await incidentDialog.waitFor();
    expect(await incidentDialog.locator(byTestId('field-source')).inputValue()).toBe(statementId);
    await incidentDialog.locator(byTestId('field-title')).fill('Ambush on a passenger bus near Al-Suknah');
    await incidentDialog.locator(byTestId('field-date')).fill('2024-04-19');
    await incidentDialog.locator(byTestId('field-place')).fill('Al-Suknah, eastern Homs');
    await incidentDialog.locator(byTestId('field-source')).fill(articleId);
    await incidentDialog.locator(byTestId('incident-submit')).click();
    await incidentDialog.waitFor({ state: 'detached' });
    const incident = page.locator(`${byTestId('item-detail')}[data-type="incident"]`);
    await incident.waitFor();
    const incidentId = (await incident.getAttribute('data-id')) ?? '';

    // Link the incident to the statement with the search-as-you-type picker.
    await page.locator(byTestId('link-button')).click();
    const linkDialog = page.locator(byTestId('link-dialog'));
    await linkDialog.waitFor();
    await linkDialog.locator(byTestId('link-search')).fill('militant bases');
    const candidate = linkDialog.locator(`${byTestId('link-candidate')}[data-id="${statementId}"]`);
    await candidate.waitFor();
    await candidate.click();
    await linkDialog.locator(byTestId('link-relation')).selectOption('related');
    await linkDialog.locator(byTestId('link-note')).fill('claims of strikes the day before');
    await shot('8-link-dialog');
    await linkDialog.locator(byTestId('link-submit')).click();
    await linkDialog.waitFor({ state: 'detached' });
    await page.locator(`${byTestId('links-list')} ${byTestId('link-entry')}[data-id="${statementId}"]`).waitFor();

    // A case, and the incident filed in it.
    await page.locator(byTestId('new-case-button')).click();
    const caseDialog = page.locator(byTestId('case-dialog'));
    await caseDialog.locator(byTestId('field-name')).fill('Al-Suknah ambush, April 2024');
    await caseDialog.locator(byTestId('case-submit')).click();
    await caseDialog.waitFor({ state: 'detached' });
    const caseRow = page.locator(byTestId('case-row')).first();
    await caseRow.waitFor();
    const caseId = (await caseRow.getAttribute('data-id')) ?? '';
    await page.locator(byTestId('add-to-case-select')).selectOption(caseId);
    await page.locator(byTestId('add-to-case-button')).click();
    await expect.poll(() => caseRow.locator('.count').textContent()).toBe('1');
    await caseRow.click();
    await expect.poll(() => page.locator(byTestId('item-row')).count()).toBe(1);
    expect(await page.locator(byTestId('item-row')).first().getAttribute('data-id')).toBe(incidentId);

    // Keyboard: from the search box down into the list, Enter opens the row.
    await page.locator(byTestId('nav-all')).click();
    await expect.poll(() => page.locator(byTestId('item-row')).count()).toBe(3);
    await page.locator(byTestId('search-input')).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const focusedId = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    expect(focusedId).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.locator(`${byTestId('item-detail')}[data-id="${focusedId}"]`).waitFor();

    // Soft delete with undo.
    await page.locator(`${byTestId('item-row')}[data-id="${incidentId}"]`).click();
    await page.locator(`${byTestId('item-detail')}[data-id="${incidentId}"]`).waitFor();
    await page.locator(byTestId('delete-button')).click();
    await page.locator(byTestId('deleted-banner')).waitFor();
    await expect.poll(() => page.locator(byTestId('count-incident')).textContent()).toBe('0');
    await shot('9-trash');
    await page.locator(byTestId('info-banner')).getByRole('button', { name: 'Undo' }).click();
    await page.locator(byTestId('deleted-banner')).waitFor({ state: 'detached' });
    await expect.poll(() => page.locator(byTestId('count-incident')).textContent()).toBe('1');
  }, STEP_TIMEOUT);

  it('refuses API calls without the right token', async () => {
    const body = JSON.stringify({ query: 'Popov' });
    const headers = { 'Content-Type': 'application/json' };
    const missing = await fetch(`${origin}/api/search`, { method: 'POST', headers, body });
    expect(missing.status).toBe(403);
    const wrong = await fetch(`${origin}/api/search`, {
      method: 'POST',
      headers: { ...headers, Authorization: 'Bearer not-the-token' },
      body,
    });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${origin}/api/search`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${token}` },
      body,
    });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { ok: boolean }).ok).toBe(true);
  }, STEP_TIMEOUT);

  it('made no request beyond the loopback server and broke no CSP rule', () => {
    expect(requests.length).toBeGreaterThan(0);
    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    expect(consoleProblems).toEqual([]);
  });
});
