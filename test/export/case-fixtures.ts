// Shared set-up for the case-file tests: a rich case (articles in three scripts with their originals and images,
// a statement with its anchor, an incident with claims per source, notes, tags, a graded source, links), archive
// fingerprints to prove an archive unchanged, zips rewritten with one thing altered, and hand-made hostile zips.
import { readFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import yazl from 'yazl';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Archive } from '../../db/open';
import { importPaths } from '../../db/import';
import { addIncident } from '../../db/ops/incidents';
import { addLink } from '../../db/ops/links';
import { addNote } from '../../db/ops/notes';
import { addStatement } from '../../db/ops/statements';
import { addToCase, createCase } from '../../db/ops/cases';
import { CaseZip } from '../../db/export/reader';
import { fixture } from '../helpers';

export interface BuiltCase {
  caseId: string;
  caseName: string;
  ids: Record<'ambush' | 'arabic' | 'russian' | 'mhtml' | 'statement' | 'incident' | 'noteArabic' | 'noteRussian', string>;
  /** An item linked to the case's items but not in the case: must stay out of the case file. */
  outsideId: string;
}

export const CASE_NAME = 'Al-Suknah ambush: shared file';

export async function buildRichCase(archive: Archive, name = CASE_NAME): Promise<BuiltCase> {
  const report = await importPaths(archive, {
    paths: [
      fixture('saved-complete', 'ambush.html'),
      fixture('encodings', 'arabic-windows-1256.html'),
      fixture('encodings', 'russian-windows-1251.html'),
      fixture('mhtml', 'al-suknah-ambush.mhtml'),
    ],
  });
  if (report.failed.length) throw new Error(`fixtures failed to import: ${JSON.stringify(report.failed)}`);
  const [ambush, arabic, russian, mhtml] = report.imported.map((entry) => entry.id) as [string, string, string, string];
  const db = archive.sqlite;
  return db.transaction((): BuiltCase => {
    const statement = addStatement(archive, {
      speaker: 'Юрий Попов',
      role: 'deputy head, Russian Reconciliation Centre',
      date: '2024-04-18',
      language: 'ru',
      quote: 'ВКС России уничтожили три базы боевиков, покинувших район Эт-Танф.',
      translation: 'The Russian Air Force destroyed three bases of militants who had left the Al-Tanf area.',
      source: russian,
    }).id;
    db.prepare("UPDATE statements SET anchor_exact = ?, anchor_prefix = ?, anchor_suffix = ? WHERE item_id = ?").run(
      'уничтожили три базы',
      'ВКС России ',
      ' боевиков',
      statement,
    );
    const incident = addIncident(archive, {
      title: 'Ambush on a bus near Al-Suknah',
      date: '2024-04-19',
      place: 'Al-Suknah, Homs',
      description: 'Gunmen attacked a bus on the desert road near Al-Suknah.',
      killed: 20,
      injured: 7,
      source: ambush,
    }).id;
    // A second figure from another source, as the incident model keeps disagreeing sources side by side.
    db.prepare(
      "INSERT INTO claims (id, incident_id, kind, value_number, value_text, source_item_id, note, created_at) VALUES (?, ?, 'killed', 22, NULL, ?, 'pro-government outlet', ?)",
    ).run('01900000-0000-7000-8000-00000000c1a1', incident, arabic, '2024-04-20T10:00:00.000Z');
    const noteArabic = addNote(archive, { title: 'ملاحظات حول كمين السخنة', body: 'قال أحمد إن الهجوم وقع قرب السخنة.\nيجب التحقق من عدد القتلى.' }).id;
    const noteRussian = addNote(archive, { title: 'Заметка: Артём проверяет данные', body: 'Сверить цифры потерь с двумя источниками.' }).id;
    const outside = addNote(archive, { title: 'Unrelated lead (not in the case)', body: 'Kept out of the case file.' }).id;
    addLink(archive, { from: ambush, to: incident, rel: 'reports-on' });
    addLink(archive, { from: arabic, to: incident, rel: 'reports-on', note: 'gives 22 killed' });
    addLink(archive, { from: noteArabic, to: incident, rel: 'about' });
    addLink(archive, { from: mhtml, to: ambush, rel: 'same-event' });
    addLink(archive, { from: noteRussian, to: statement, rel: 'about' });
    addLink(archive, { from: outside, to: ambush, rel: 'mentions' });
    // Tags and a graded source have no operations yet: written as their tables hold them.
    db.prepare("INSERT INTO tags (id, name) VALUES ('01900000-0000-7000-8000-0000000007a1', 'homs'), ('01900000-0000-7000-8000-0000000007a2', 'مصدر محلي')").run();
    db.prepare("INSERT INTO item_tags (item_id, tag_id) VALUES (?, '01900000-0000-7000-8000-0000000007a1'), (?, '01900000-0000-7000-8000-0000000007a1'), (?, '01900000-0000-7000-8000-0000000007a2')").run(
      ambush,
      incident,
      arabic,
    );
    db.prepare(
      "INSERT INTO sources (id, kind, name, domain, reliability, rationale, created_at) VALUES ('01900000-0000-7000-8000-0000000005a1', 'outlet', 'Desert Monitor', 'example-news.invalid', 'B', 'usually reliable on Homs', '2024-01-01T00:00:00.000Z')",
    ).run();
    db.prepare("UPDATE articles SET source_id = '01900000-0000-7000-8000-0000000005a1', credibility = 2 WHERE item_id = ?").run(ambush);
    const { id: caseId } = createCase(archive, { name, description: 'Everything on the 19 April 2024 ambush near Al-Suknah.' });
    addToCase(archive, { caseRef: caseId, ids: [ambush, arabic, russian, mhtml, statement, incident, noteArabic, noteRussian] });
    return {
      caseId,
      caseName: name,
      ids: { ambush, arabic, russian, mhtml, statement, incident, noteArabic, noteRussian },
      outsideId: outside,
    };
  })();
}

/** Row counts of every table plus the audit chain's head: equal fingerprints mean nothing was written. */
export function archiveFingerprint(archive: Archive): string {
  const tables = archive.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts = tables.map((table) => `${table}=${(archive.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number)}`);
  const head = archive.sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string | undefined;
  return `${counts.join(',')};audit=${head ?? ''}`;
}

/** Copies a zip entry by entry, letting `change` alter, drop (null) or keep each file's bytes; `extra` adds files. */
export async function rewriteZip(
  source: string,
  target: string,
  change: (path: string, bytes: Buffer) => Buffer | null,
  extra: { path: string; bytes: Buffer }[] = [],
): Promise<void> {
  const input = await CaseZip.open(source);
  const zip = new yazl.ZipFile();
  const done = pipeline(zip.outputStream, createWriteStream(target));
  try {
    for (const entry of input.entries()) {
      const bytes = change(entry.path, await input.read(entry.path, Number.MAX_SAFE_INTEGER));
      if (bytes) zip.addBuffer(bytes, entry.path);
    }
    for (const file of extra) zip.addBuffer(file.bytes, file.path);
  } finally {
    input.close();
  }
  zip.end();
  await done;
}

export interface CraftedEntry {
  name: string | Buffer;
  data?: Buffer;
  /** Upper 16 bits: Unix mode (symlinks are 0o120000). */
  externalAttributes?: number;
  flags?: number;
  deflate?: boolean;
  /** Lie about the uncompressed size in the headers. */
  declaredSize?: number;
  /** Point this central-directory entry at the local header of an earlier entry (overlap). */
  reuseLocalHeaderOf?: number;
}

/** A zip made byte by byte, for the entries no zip library would write. */
export function craftZip(entries: CraftedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const stored = entry.deflate ? deflateRawSync(data) : data;
    const method = entry.deflate ? 8 : 0;
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const flags = (entry.flags ?? 0) | 0x800;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const headerOffset = entry.reuseLocalHeaderOf !== undefined ? offsets[entry.reuseLocalHeaderOf]! : offset;
    offsets.push(headerOffset);
    if (entry.reuseLocalHeaderOf === undefined) {
      locals.push(local, name, stored);
      offset += local.length + name.length + stored.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(entry.externalAttributes ?? ((0o100644 << 16) >>> 0), 38);
    central.writeUInt32LE(headerOffset, 42);
    centrals.push(central, name);
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

export const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
