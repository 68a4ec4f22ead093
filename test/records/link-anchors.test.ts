// A link may say which passage of the linking item it is about: the passage is kept as a text-quote anchor (as a
// statement's is), shown with the link from both ends, and travels in case files.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callOperation } from '../../electron/contract/operations';
import { fixture, tempArchive, tempDir, type TestArchive } from '../helpers';

let t: TestArchive;
let articleId: string;
let incidentId: string;

beforeEach(async () => {
  t = tempArchive();
  articleId = (await t.call('importPaths', { paths: [fixture('records', 'suknah-ambush.html')] })).imported[0]!.id;
  incidentId = (await t.call('addIncident', { title: 'Bus ambush near Al-Suknah', date: '2024-04-19' })).id;
});
afterEach(() => t.dispose());

describe('link anchors', () => {
  it('anchors a link to a passage of the linking item, whitespace and quote marks aside, and shows it from both ends', async () => {
    await t.call('addLink', { from: articleId, to: incidentId, rel: 'reports-on', passage: 'killing at least 20   people' });
    const row = t.archive.sqlite.prepare('SELECT anchor_exact, anchor_prefix, anchor_suffix FROM links').get() as { anchor_exact: string; anchor_prefix: string; anchor_suffix: string };
    expect(row.anchor_exact).toBe('killing at least 20 people');
    expect(row.anchor_prefix.length).toBeGreaterThan(0);
    expect(row.anchor_suffix.length).toBeGreaterThan(0);
    const fromArticle = (await t.call('getItem', { id: articleId })).links.find((link) => link.id === incidentId)!;
    const fromIncident = (await t.call('getItem', { id: incidentId })).links.find((link) => link.id === articleId)!;
    expect(fromArticle.passage).toBe('killing at least 20 people');
    expect(fromIncident.passage).toBe('killing at least 20 people');
  });

  it('refuses a passage the linking item does not have, and links without one as before', async () => {
    const refused = await callOperation(t.archive, 'addLink', { from: articleId, to: incidentId, rel: 'reports-on', passage: 'a sentence the article never had' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/is not in the text/) } });
    expect(t.archive.sqlite.prepare('SELECT count(*) FROM links').pluck().get()).toBe(0);
    await t.call('addLink', { from: articleId, to: incidentId, rel: 'reports-on' });
    expect((await t.call('getItem', { id: articleId })).links[0]!.passage).toBeNull();
  });

  it('travels in a case file', async () => {
    await t.call('addLink', { from: articleId, to: incidentId, rel: 'reports-on', passage: 'killing at least 20 people' });
    const { id: caseId } = await t.call('createCase', { name: 'Suknah' });
    await t.call('addToCase', { caseRef: caseId, ids: [articleId, incidentId] });
    const dir = tempDir();
    const other = tempArchive();
    try {
      await t.call('exportCase', { caseRef: caseId, outPath: join(dir.path, 'case.zip') });
      await other.call('importCase', { path: join(dir.path, 'case.zip') });
      expect((await other.call('getItem', { id: incidentId })).links[0]!.passage).toBe('killing at least 20 people');
    } finally {
      other.dispose();
      dir.remove();
    }
  });
});
