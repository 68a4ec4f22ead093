// A case travels A -> zip -> empty B -> zip again and nothing changes on the way: items with every field, claims,
// anchors, tags, grades, links, originals byte for byte. The unzipped folder checks with the system's sha256sum,
// and one flipped byte is caught by verify and named.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { documentReader } from '../../db/export/document';
import { CaseZip } from '../../db/export/reader';
import { verifyCase } from '../../db/export/verify';
import { exportCase } from '../../db/export/writer';
import { tempArchive, tempDir, type TestArchive } from '../helpers';
import { buildRichCase, type BuiltCase } from './case-fixtures';

const hasUnzip = existsSync('/usr/bin/unzip');
const work = tempDir('dossier-case-');
let a: TestArchive;
let b: TestArchive;
let built: BuiltCase;
const zipA = join(work.path, 'case-a.zip');
const zipB = join(work.path, 'case-b.zip');

beforeAll(async () => {
  a = tempArchive();
  b = tempArchive();
  built = await buildRichCase(a.archive);
});
afterAll(() => {
  a.dispose();
  b.dispose();
  work.remove();
});

/** Extracts with the system's unzip when there is one, else with our own reader (which never writes outside). */
async function extract(zipPath: string, folder: string): Promise<void> {
  if (hasUnzip) {
    execFileSync('unzip', ['-q', zipPath, '-d', folder]);
    return;
  }
  const zip = await CaseZip.open(zipPath);
  try {
    for (const entry of zip.entries()) {
      const target = join(folder, entry.path);
      execFileSync('mkdir', ['-p', join(target, '..')]);
      writeFileSync(target, await zip.read(entry.path, Number.MAX_SAFE_INTEGER));
    }
  } finally {
    zip.close();
  }
}

const caseItemIds = (): string[] => Object.values(built.ids).sort();
/** Links with both ends in the case: five made by hand, plus the sourced-from links of the statement and incident. */
const inCaseLinks = (): number => {
  const ids = caseItemIds();
  const marks = ids.map(() => '?').join(',');
  return a.archive.sqlite.prepare(`SELECT count(*) FROM links WHERE from_id IN (${marks}) AND to_id IN (${marks})`).pluck().get(...ids, ...ids) as number;
};

function blobsOf(t: TestArchive, ids: string[]): Map<string, Buffer> {
  const rows = t.archive.sqlite
    .prepare(`SELECT DISTINCT b.sha256, b.data FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.item_id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as { sha256: string; data: Buffer }[];
  return new Map(rows.map((row) => [row.sha256, row.data]));
}

describe('case file round trip', () => {
  it('exports a case with a manifest, SHA256SUMS, one JSON and one page per item, and its originals', async () => {
    const result = await a.call('exportCase', { caseRef: built.caseName, outPath: zipA });
    expect(result.items).toBe(8);
    const zip = await CaseZip.open(zipA);
    const paths = zip.entries().map((entry) => entry.path);
    zip.close();
    for (const id of caseItemIds()) expect(paths).toEqual(expect.arrayContaining([`items/${id}.json`, `items/${id}.html`]));
    expect(paths).toEqual(expect.arrayContaining(['manifest.json', 'SHA256SUMS', 'index.html', 'links.json', 'entities.json', 'audit.json', 'case.json']));
    expect(paths.some((path) => path.includes(built.outsideId))).toBe(false);
    const originals = blobsOf(a, caseItemIds());
    expect(originals.size).toBeGreaterThanOrEqual(5); // four originals and at least one image
    for (const sha of originals.keys()) expect(paths.some((path) => path === `originals/${sha}` || path === `attachments/${sha}`)).toBe(true);
  });

  it('unzips into a folder that `sha256sum -c SHA256SUMS` checks, with every file listed', async () => {
    const folder = join(work.path, 'unzipped');
    await extract(zipA, folder);
    const output = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' });
    const lines = output.trim().split('\n');
    expect(lines.every((line) => line.endsWith(': OK'))).toBe(true);
    const listed = new Set(readFileSync(join(folder, 'SHA256SUMS'), 'utf8').trim().split('\n').map((line) => line.slice(66)));
    const files = [
      ...readdirSync(folder, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1)),
    ].filter((path) => path !== 'SHA256SUMS');
    expect(new Set(files)).toEqual(listed);
  });

  it('verifies clean, then names the one file in which a single byte was flipped', async () => {
    const clean = await verifyCase({ path: zipA });
    expect(clean.ok).toBe(true);
    expect(clean.counts.altered + clean.counts.missing + clean.counts.unexpected).toBe(0);

    // The image is stored uncompressed: find its bytes inside the zip and flip one in the middle.
    const image = a.archive.sqlite.prepare("SELECT b.sha256, b.data FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.role = 'image' LIMIT 1").get() as {
      sha256: string;
      data: Buffer;
    };
    const bytes = readFileSync(zipA);
    const at = bytes.indexOf(image.data);
    expect(at).toBeGreaterThan(0);
    const middle = at + Math.floor(image.data.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    const flipped = join(work.path, 'flipped.zip');
    writeFileSync(flipped, bytes);

    const report = await verifyCase({ path: flipped });
    expect(report.ok).toBe(false);
    const bad = report.files.filter((file) => file.status !== 'ok');
    expect(bad).toEqual([expect.objectContaining({ path: `attachments/${image.sha256}`, status: 'altered', expectedSha256: image.sha256 })]);
    expect(bad[0]!.actualSha256).not.toBe(image.sha256);
  });

  it('names a compressed item file in which a single byte was flipped', async () => {
    const target = `items/${built.ids.statement}.json`;
    const zip = await yauzl.openPromise(zipA);
    let entry: yauzl.Entry | undefined;
    for await (const candidate of zip.eachEntry()) if (candidate.fileName === target) entry = candidate;
    zip.close();
    expect(entry?.compressionMethod).toBe(8);
    const bytes = readFileSync(zipA);
    const header = entry!.relativeOffsetOfLocalHeader;
    const dataStart = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    const middle = dataStart + Math.floor(entry!.compressedSize / 2);
    bytes[middle] = bytes[middle]! ^ 0x10;
    const flipped = join(work.path, 'flipped-json.zip');
    writeFileSync(flipped, bytes);
    const report = await verifyCase({ path: flipped });
    expect(report.ok).toBe(false);
    expect(report.files.filter((file) => file.status !== 'ok').map((file) => [file.path, file.status])).toEqual([[target, 'altered']]);
  });

  it('imports into an empty archive with every item, field, claim, tag, grade, link and original equal', async () => {
    const report = await b.call('importCase', { path: zipA });
    expect(report.verified).toBe(true);
    expect(report.added.map((item) => item.id).sort()).toEqual(caseItemIds());
    expect(report.conflicts).toEqual([]);
    expect(report.links.added).toBe(inCaseLinks());

    const readA = documentReader(a.archive.sqlite);
    const readB = documentReader(b.archive.sqlite);
    for (const id of caseItemIds()) {
      const docA = readA.itemDocument(id)!;
      const docB = readB.itemDocument(id)!;
      expect({ ...docB, base: null }).toEqual({ ...docA, base: null });
      expect(docB.contentHash).toBe(docA.contentHash);
      // What the app shows is the same too, links restricted to the case.
      const inCase = new Set(caseItemIds());
      const view = async (t: TestArchive) => {
        const item = await t.call('getItem', { id });
        return { ...item, links: item.links.filter((link) => inCase.has(link.id)) };
      };
      expect(await view(b)).toEqual(await view(a));
    }
    const incident = readB.itemDocument(built.ids.incident)!;
    expect(incident.claims.map((claim) => claim.value_number).sort()).toEqual([20, 22, 7].sort());
    expect(incident.claims.find((claim) => claim.value_number === 22)?.source_item_id).toBe(built.ids.arabic);
    const statement = readB.itemDocument(built.ids.statement)!;
    expect(statement.record).toMatchObject({ anchor_exact: 'уничтожили три базы', anchor_prefix: 'ВКС России ', anchor_suffix: ' боевиков' });
    const ambush = readB.itemDocument(built.ids.ambush)!;
    expect(ambush.record).toMatchObject({ source_id: '01900000-0000-7000-8000-0000000005a1', credibility: 2 });
    expect(b.archive.sqlite.prepare('SELECT reliability, rationale FROM sources').get()).toEqual({ reliability: 'B', rationale: 'usually reliable on Homs' });
    expect(ambush.tags).toEqual(['homs']);

    const originalsA = blobsOf(a, caseItemIds());
    const originalsB = blobsOf(b, caseItemIds());
    expect([...originalsB.keys()].sort()).toEqual([...originalsA.keys()].sort());
    for (const [sha, data] of originalsA) expect(Buffer.compare(originalsB.get(sha)!, data)).toBe(0);

    const linkRows = (t: TestArchive) =>
      t.archive.sqlite
        .prepare(`SELECT * FROM links WHERE from_id IN (${caseItemIds().map(() => '?').join(',')}) AND to_id IN (${caseItemIds().map(() => '?').join(',')}) ORDER BY id`)
        .all(...caseItemIds(), ...caseItemIds());
    expect(linkRows(b)).toEqual(linkRows(a));
    expect(b.archive.sqlite.prepare('SELECT * FROM cases').all()).toEqual(a.archive.sqlite.prepare('SELECT * FROM cases WHERE id = ?').all(built.caseId));
    // A's history of the items came along as imported history, and B's own log records the import.
    expect(report.history.imported).toBeGreaterThan(8);
    expect(b.archive.sqlite.prepare("SELECT count(*) FROM audit_log WHERE action = 'case-import'").pluck().get()).toBe(9);
  });

  it('exports again from B: the same items, files and originals as the first export', async () => {
    await b.call('exportCase', { caseRef: built.caseId, outPath: zipB });
    expect((await verifyCase({ path: zipB })).ok).toBe(true);
    const first = await CaseZip.open(zipA);
    const second = await CaseZip.open(zipB);
    try {
      const dataPaths = (zip: CaseZip) => zip.entries().map((entry) => entry.path).filter((path) => /^(items\/.*\.json|originals\/|attachments\/)/.test(path)).sort();
      expect(dataPaths(second)).toEqual(dataPaths(first));
      for (const path of dataPaths(first)) {
        const one = await first.read(path, Number.MAX_SAFE_INTEGER);
        const two = await second.read(path, Number.MAX_SAFE_INTEGER);
        if (path.endsWith('.json')) {
          const docOne = JSON.parse(one.toString('utf8'));
          const docTwo = JSON.parse(two.toString('utf8'));
          // B records the version it received as the item's base; everything else is equal.
          expect(docTwo.base).toBe(docOne.contentHash);
          expect({ ...docTwo, base: null }).toEqual({ ...docOne, base: null });
        } else {
          expect(Buffer.compare(one, two)).toBe(0);
        }
      }
      const links = async (zip: CaseZip) => JSON.parse((await zip.read('links.json')).toString('utf8'));
      expect(await links(second)).toEqual(await links(first));
    } finally {
      first.close();
      second.close();
    }
  });

  it('re-importing the same file changes no item and duplicates no history', async () => {
    const before = b.archive.sqlite.prepare('SELECT count(*) FROM imported_history').pluck().get();
    const report = await b.call('importCase', { path: zipA });
    expect(report.added).toEqual([]);
    expect(report.skipped).toHaveLength(8);
    expect(report.skipped.every((item) => item.reason === 'identical')).toBe(true);
    expect(report.links).toEqual({ added: 0, skipped: inCaseLinks(), differing: [] });
    expect(report.history.imported).toBe(0);
    expect(b.archive.sqlite.prepare('SELECT count(*) FROM imported_history').pluck().get()).toBe(before);
  });

  it('reports its progress file by file, ending at the total (for the progress bar of the app)', async () => {
    const seen: { done: number; total: number }[] = [];
    await exportCase(a.archive, { caseRef: built.caseId, outPath: join(work.path, 'progress.zip') }, { onProgress: (progress) => seen.push(progress) });
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.map((progress) => progress.done)).toEqual(seen.map((_, index) => index + 1));
    expect(seen.at(-1)).toEqual({ done: seen.at(-1)!.total, total: seen.at(-1)!.total });
  });

  it('refuses to overwrite an existing file unless asked', async () => {
    await expect(a.call('exportCase', { caseRef: built.caseId, outPath: zipA })).rejects.toThrow(/CONFLICT.*already exists/);
    const again = await a.call('exportCase', { caseRef: built.caseId, outPath: zipA, overwrite: true });
    expect(again.items).toBe(8);
    expect(readdirSync(work.path).filter((name) => name.includes('.partial-'))).toEqual([]);
  });
});
