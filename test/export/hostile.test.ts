// Hostile and broken case files are refused with a message that says why, before anything is written: the
// archive stays exactly as it was and no file appears outside it (nothing is ever extracted to disk).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCase } from '../../db/export/merge';
import { verifyCase } from '../../db/export/verify';
import { DossierError } from '../../db/errors';
import { tempArchive, tempDir, type TestArchive } from '../helpers';
import { archiveFingerprint, buildRichCase, craftZip, rewriteZip, type BuiltCase } from './case-fixtures';

const work = tempDir('dossier-hostile-');
/** Where a zip-slip entry would land if anything extracted it: must stay empty. */
const landing = join(work.path, 'landing', 'deeper');
let source: TestArchive;
let target: TestArchive;
let built: BuiltCase;
let goodZip: string;

beforeAll(async () => {
  source = tempArchive();
  target = tempArchive();
  built = await buildRichCase(source.archive);
  goodZip = join(work.path, 'good.zip');
  await source.call('exportCase', { caseRef: built.caseId, outPath: goodZip });
  // The target already holds work of its own, which a refused import must leave alone.
  await target.call('addNote', { title: 'Local work', body: 'must survive' });
});
afterAll(() => {
  source.dispose();
  target.dispose();
  work.remove();
});

async function expectRefused(path: string, code: string, message: RegExp, force = false): Promise<void> {
  const before = archiveFingerprint(target.archive);
  const filesBefore = readdirSync(work.path).sort();
  const error = await importCase(target.archive, { path, force }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DossierError);
  expect((error as DossierError).code).toBe(code);
  expect((error as DossierError).message).toMatch(message);
  expect(archiveFingerprint(target.archive)).toBe(before);
  expect(readdirSync(work.path).sort()).toEqual(filesBefore);
  expect(existsSync(join(work.path, 'evil.txt'))).toBe(false);
  expect(existsSync(landing)).toBe(false);
}

function write(name: string, bytes: Buffer): string {
  const path = join(work.path, name);
  writeFileSync(path, bytes);
  return path;
}

const evil = Buffer.from('pwned\n');

describe('hostile case files', () => {
  it('refuses zip slip: a name climbing out of the folder', async () => {
    await expectRefused(write('slip.zip', craftZip([{ name: '../../evil.txt', data: evil }])), 'UNSAFE_CASE_FILE', /outside its folder|climbs out/);
    await expectRefused(write('slip2.zip', craftZip([{ name: 'items/../../evil.txt', data: evil }])), 'UNSAFE_CASE_FILE', /outside its folder|climbs out/);
  });

  it('refuses absolute paths, drive letters and backslashes', async () => {
    await expectRefused(write('abs.zip', craftZip([{ name: '/tmp/evil.txt', data: evil }])), 'UNSAFE_CASE_FILE', /absolute|outside its folder/);
    await expectRefused(write('drive.zip', craftZip([{ name: 'C:/evil.txt', data: evil }])), 'UNSAFE_CASE_FILE', /absolute|outside its folder/);
    await expectRefused(write('backslash.zip', craftZip([{ name: '..\\..\\evil.txt', data: evil }])), 'UNSAFE_CASE_FILE', /backslash|outside its folder/);
  });

  it('refuses symlink entries', async () => {
    const link = craftZip([{ name: 'manifest.json', data: Buffer.from('/etc/passwd'), externalAttributes: (0o120777 << 16) >>> 0 }]);
    await expectRefused(write('symlink.zip', link), 'UNSAFE_CASE_FILE', /symbolic link/);
  });

  it('refuses duplicate names, also those differing only in case', async () => {
    await expectRefused(write('dup.zip', craftZip([{ name: 'manifest.json', data: evil }, { name: 'manifest.json', data: evil }])), 'UNSAFE_CASE_FILE', /more than once/);
    await expectRefused(write('dupcase.zip', craftZip([{ name: 'index.html', data: evil }, { name: 'INDEX.html', data: evil }])), 'UNSAFE_CASE_FILE', /more than once/);
  });

  it('refuses encrypted entries', async () => {
    await expectRefused(write('encrypted.zip', craftZip([{ name: 'manifest.json', data: Buffer.alloc(40, 1), flags: 0x1 }])), 'UNSAFE_CASE_FILE', /encrypted/);
  });

  it('refuses a zip bomb: an entry compressed far beyond any real file', async () => {
    const bomb = new yazl.ZipFile();
    const path = join(work.path, 'bomb.zip');
    const done = pipeline(bomb.outputStream, createWriteStream(path));
    bomb.addBuffer(Buffer.alloc(64 * 1024 * 1024), 'originals/' + '0'.repeat(64), { compressionLevel: 9 });
    bomb.end();
    await done;
    expect(readFileSync(path).length).toBeLessThan(200_000);
    await expectRefused(path, 'UNSAFE_CASE_FILE', /zip bomb/);
  });

  it('refuses entries whose headers lie about their size', async () => {
    const liar = craftZip([{ name: 'manifest.json', data: Buffer.alloc(5_000, 0x61), deflate: true, declaredSize: 10 }]);
    await expectRefused(write('liar.zip', liar), 'UNSAFE_CASE_FILE', /sizes do not add up|not a readable/);
  });

  it('refuses overlapping entries (the smallest zip bombs share one compressed block)', async () => {
    const overlap = craftZip([{ name: 'a.json', data: Buffer.alloc(100, 0x61) }, { name: 'b.json', data: Buffer.alloc(100, 0x61), reuseLocalHeaderOf: 0 }]);
    await expectRefused(write('overlap.zip', overlap), 'UNSAFE_CASE_FILE', /overlap/);
  });

  it('refuses truncated files and files that are not zips', async () => {
    const whole = readFileSync(goodZip);
    await expectRefused(write('truncated.zip', whole.subarray(0, Math.floor(whole.length / 2))), 'UNSUPPORTED_FORMAT', /truncated|not a readable zip/);
    await expectRefused(write('text.zip', Buffer.from('This is a note, not a zip file.\n'.repeat(20))), 'UNSUPPORTED_FORMAT', /not a readable zip/);
    await expectRefused(write('empty.zip', Buffer.alloc(0)), 'UNSUPPORTED_FORMAT', /not a readable zip/);
  });

  it('refuses a zip that is not a case file, and a case file of an unknown future version', async () => {
    await expectRefused(write('plain.zip', craftZip([{ name: 'photo.txt', data: evil }])), 'UNSUPPORTED_FORMAT', /no manifest\.json/);
    const future = join(work.path, 'future.zip');
    await rewriteZip(goodZip, future, (path, bytes) => {
      if (path !== 'manifest.json') return bytes;
      return Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString('utf8')), formatVersion: 2 }));
    });
    await expectRefused(future, 'UNSUPPORTED_FORMAT', /newer Dossier \(case-file format version 2/);
  });

  it('refuses a manifest that lies: an altered item, a missing original, an extra file, a resealed manifest', async () => {
    const itemPath = `items/${built.ids.statement}.json`;
    const altered = join(work.path, 'altered.zip');
    await rewriteZip(goodZip, altered, (path, bytes) => (path === itemPath ? Buffer.from(bytes.toString('utf8').replace('Юрий Попов', 'Someone Else')) : bytes));
    await expectRefused(altered, 'CASE_FILE_ALTERED', new RegExp(`${itemPath} \\(altered\\)`));

    const original = join(work.path, 'missing.zip');
    await rewriteZip(goodZip, original, (path, bytes) => (path.startsWith('originals/') ? null : bytes));
    await expectRefused(original, 'CASE_FILE_ALTERED', /originals\/[0-9a-f]{64} \(missing\)/);

    const extra = join(work.path, 'extra.zip');
    await rewriteZip(goodZip, extra, (_path, bytes) => bytes, [{ path: 'items/run-me.html', bytes: evil }]);
    await expectRefused(extra, 'CASE_FILE_ALTERED', /items\/run-me\.html \(unexpected\)/);

    // A manifest whose hashes were recomputed to cover the change still disagrees with SHA256SUMS.
    const resealed = join(work.path, 'resealed.zip');
    await rewriteZip(goodZip, resealed, (path, bytes) => {
      if (path !== 'manifest.json') return bytes;
      const manifest = JSON.parse(bytes.toString('utf8'));
      manifest.files[0].sha256 = 'f'.repeat(64);
      return Buffer.from(JSON.stringify(manifest));
    });
    await expectRefused(resealed, 'CASE_FILE_ALTERED', /SHA256SUMS does not agree/);
  });

  it('reports what verify found for a lying manifest, file by file', async () => {
    const report = await verifyCase({ path: join(work.path, 'missing.zip') });
    expect(report.ok).toBe(false);
    expect(report.counts.missing).toBeGreaterThan(0);
    expect(report.files.filter((file) => file.status === 'missing').every((file) => file.path.startsWith('originals/'))).toBe(true);
  });
});
