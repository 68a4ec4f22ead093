// The golden case file of format version 1 (test/fixtures/case-files/golden-v1.zip), written once and never
// regenerated: every later version of Dossier must verify it, import it whole and read its content hashes alike.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, documentReader } from '../../db/export/document';
import type { ItemDocument } from '../../db/export/format';
import { CaseZip } from '../../db/export/reader';
import { verifyCase } from '../../db/export/verify';
import { fixture, tempArchive, tempDir, type TestArchive } from '../helpers';

const GOLDEN = fixture('case-files', 'golden-v1.zip');
const ids = {
  article: '018f0000-0000-7000-8000-0000000000a1',
  statement: '018f0000-0000-7000-8000-0000000000b1',
  incident: '018f0000-0000-7000-8000-0000000000c1',
  noteArabic: '018f0000-0000-7000-8000-0000000000d1',
  noteRussian: '018f0000-0000-7000-8000-0000000000d2',
};
const caseId = '018f0000-0000-7000-8000-00000000ca5e';
let t: TestArchive;
const work = tempDir('dossier-golden-');

beforeAll(() => {
  t = tempArchive();
});
afterAll(() => {
  t.dispose();
  work.remove();
});

async function goldenDocuments(): Promise<ItemDocument[]> {
  const zip = await CaseZip.open(GOLDEN);
  try {
    const docs: ItemDocument[] = [];
    for (const entry of zip.entries()) if (/^items\/.*\.json$/.test(entry.path)) docs.push(JSON.parse((await zip.read(entry.path)).toString('utf8')));
    return docs;
  } finally {
    zip.close();
  }
}

describe('golden case file, format version 1', () => {
  it('verifies', async () => {
    const report = await verifyCase({ path: GOLDEN });
    expect(report).toMatchObject({ ok: true, formatVersion: 1, caseId, itemCount: 5, manifestSha256: '086dc0a5eff8a3e519edb35d634927c473a04f784d437b6ce70000b696941018' });
    // 17 files listed in the manifest, and SHA256SUMS checked against it.
    expect(report.counts).toEqual({ ok: 18, altered: 0, missing: 0, unexpected: 0 });
  });

  it('keeps its content hashes: the canonical form of an item never changes meaning', async () => {
    for (const doc of await goldenDocuments()) expect(contentHash(doc)).toBe(doc.contentHash);
  });

  it('imports whole into an empty archive', async () => {
    const report = await t.call('importCase', { path: GOLDEN });
    expect(report.verified).toBe(true);
    expect(report.added.map((item) => item.id).sort()).toEqual(Object.values(ids).sort());
    expect(report.conflicts).toEqual([]);
    expect(report.links.added).toBe(3);
    expect(report.originals.added).toBe(2);
    expect(report.history.imported).toBe(12);
    expect(report.warnings).toEqual([]);

    const db = t.archive.sqlite;
    expect(db.prepare('SELECT name FROM cases WHERE id = ?').pluck().get(caseId)).toBe('Golden case: Al-Suknah, April 2024');
    expect(db.prepare('SELECT speaker, quote, anchor_exact FROM statements WHERE item_id = ?').get(ids.statement)).toEqual({
      speaker: 'Юрий Попов',
      quote: 'Уничтожены три базы боевиков.',
      anchor_exact: 'три базы',
    });
    expect(db.prepare('SELECT value_number, source_item_id FROM claims WHERE incident_id = ? ORDER BY id').all(ids.incident)).toEqual([
      { value_number: 20, source_item_id: ids.article },
      { value_number: 22, source_item_id: null },
    ]);
    expect(db.prepare('SELECT latitude, longitude FROM incidents WHERE item_id = ?').get(ids.incident)).toEqual({ latitude: 34.8833, longitude: 38.8667 });
    expect(db.prepare('SELECT s.reliability FROM articles a JOIN sources s ON s.id = a.source_id WHERE a.item_id = ?').pluck().get(ids.article)).toBe('B');
    expect(db.prepare("SELECT sha256 FROM attachments WHERE item_id = ? AND role = 'original'").pluck().get(ids.article)).toBe(
      '406cc42527ce50e614a5c129c4ab8d843f09df20adffa77100ddedf791e42cc6',
    );
    const hits = await t.call('search', { query: 'احمد' });
    expect(hits.hits.map((hit) => hit.id)).toEqual([ids.noteArabic]);
  });

  it('gives back the same item documents when exported again', async () => {
    const again = join(work.path, 'again.zip');
    await t.call('exportCase', { caseRef: caseId, outPath: again });
    const reader = documentReader(t.archive.sqlite);
    for (const doc of await goldenDocuments()) {
      const mine = reader.itemDocument(doc.id)!;
      expect(mine.base).toBe(doc.contentHash);
      expect({ ...mine, base: null }).toEqual({ ...doc, base: null });
    }
    expect((await verifyCase({ path: again })).ok).toBe(true);
  });
});
