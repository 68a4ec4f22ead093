// Case-file benchmark: a generated case of N items with M MB of originals (half saved pages, half binary files
// such as photos or PDFs), then export, verify and import of it, each in a process of its own measuring its
// wall-clock and CPU seconds and its resident memory growth. Goal: each <= 5 s on 2 cores, growth <= 100 MB.
import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { openArchive } from '../../db/open';

export interface CaseFileStep {
  seconds: number;
  cpuSeconds: number;
  rssGrowthMb: number;
}

export interface ExportBenchResult {
  items: number;
  originalsMb: number;
  zipMb: number;
  export: CaseFileStep;
  verify: CaseFileStep;
  import: CaseFileStep;
  goal: { seconds: number; rssGrowthMb: number; met: boolean };
}

const WORDS = 'the of ambush convoy desert road near Homs militia fighters killed wounded sources said army reinforcements attack bus province statement ministry reported according local witnesses'.split(' ');

/** Deterministic bytes: AES-CTR over zeros with a fixed key, a fast stream no compressor can shrink. */
function binary(seed: number, size: number): Buffer {
  const key = createHash('sha256').update(`dossier-bench-${seed}`).digest().subarray(0, 16);
  return createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(size));
}

function savedPage(seed: number, size: number): Buffer {
  const noise = binary(seed, 4096);
  const parts: string[] = [`<!doctype html><html><head><meta charset="utf-8"><title>Report ${seed}</title></head><body><article>`];
  let length = parts[0]!.length;
  for (let index = 0; length < size; index++) {
    const sentence = Array.from({ length: 14 }, (_, word) => WORDS[noise[(index * 14 + word) % noise.length]! % WORDS.length]).join(' ');
    const paragraph = `<p data-n="${seed}-${index}">${sentence} on ${2000 + (index % 25)}-0${1 + (index % 9)}-1${index % 10}.</p>\n`;
    parts.push(paragraph);
    length += paragraph.length;
  }
  return Buffer.from(parts.join('')).subarray(0, size);
}

function generateCase(path: string, items: number, originalsMb: number): string {
  const archive = openArchive(path);
  const db = archive.sqlite;
  const caseId = '01900000-0000-7000-8000-00000000bec0';
  const perItem = Math.floor((originalsMb * 1024 * 1024) / items);
  const now = '2024-05-01T00:00:00.000Z';
  db.transaction(() => {
    db.prepare('INSERT INTO cases (id, name, created_at) VALUES (?, ?, ?)').run(caseId, 'Benchmark case', now);
    const item = db.prepare("INSERT INTO items (id, type, title, language, created_at, updated_at) VALUES (?, 'article', ?, 'en', ?, ?)");
    const article = db.prepare("INSERT INTO articles (item_id, url, outlet, language, body_text) VALUES (?, ?, 'Bench Wire', 'en', ?)");
    const blob = db.prepare('INSERT INTO blobs (sha256, size, media_type, data, created_at) VALUES (?, ?, ?, ?, ?)');
    const attach = db.prepare("INSERT INTO attachments (item_id, sha256, role, name, created_at) VALUES (?, ?, 'original', ?, ?)");
    const member = db.prepare('INSERT INTO case_items (case_id, item_id, added_at) VALUES (?, ?, ?)');
    for (let index = 0; index < items; index++) {
      const id = `01900000-0000-7000-8000-${index.toString(16).padStart(12, '0')}`;
      const isPage = index % 2 === 0;
      const bytes = isPage ? savedPage(index, perItem) : binary(index, perItem);
      const sha = createHash('sha256').update(bytes).digest('hex');
      item.run(id, `Report ${index}: convoy ambushed near Homs`, now, now);
      article.run(id, `https://bench.invalid/${index}`, savedPage(index + 1_000_000, 4_000).toString('utf8').replace(/<[^>]+>/g, ''));
      blob.run(sha, bytes.length, isPage ? 'text/html' : 'application/pdf', bytes, now);
      attach.run(id, sha, isPage ? `report-${index}.html` : `report-${index}.pdf`, now);
      member.run(caseId, id, now);
    }
  })();
  archive.close();
  return caseId;
}

function step(args: string[]): CaseFileStep & { summary: unknown } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(import.meta.dirname, 'export-child.ts'), ...args], {
    encoding: 'utf8',
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, DOSSIER_NO_AUTOBUILD: '1' },
    maxBuffer: 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`case-file bench step ${args[0]} failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as { seconds: number; cpuSeconds: number; rssGrowthMb: number; summary: unknown };
  return {
    seconds: Math.round(result.seconds * 100) / 100,
    cpuSeconds: Math.round(result.cpuSeconds * 100) / 100,
    rssGrowthMb: Math.round(result.rssGrowthMb),
    summary: result.summary,
  };
}

export function exportBench(workDir: string, items: number, originalsMb: number): ExportBenchResult {
  const source = join(workDir, 'case-source.sqlite');
  const target = join(workDir, 'case-target.sqlite');
  const zip = join(workDir, 'case.zip');
  const caseId = generateCase(source, items, originalsMb);
  openArchive(target).close();
  const exported = step(['export', source, zip, caseId]);
  const verified = step(['verify', '-', zip]);
  if ((verified.summary as { ok: boolean }).ok !== true) throw new Error('the benchmark case file did not verify');
  const imported = step(['import', target, zip]);
  if ((imported.summary as { added: number }).added !== items) throw new Error(`import added ${JSON.stringify(imported.summary)}`);
  const steps = { export: exported, verify: verified, import: imported };
  const met = Object.values(steps).every((s) => s.seconds <= 5 && s.rssGrowthMb <= 100);
  const strip = ({ seconds, cpuSeconds, rssGrowthMb }: CaseFileStep): CaseFileStep => ({ seconds, cpuSeconds, rssGrowthMb });
  return {
    items,
    originalsMb,
    zipMb: Math.round(statSync(zip).size / 1024 / 1024),
    export: strip(exported),
    verify: strip(verified),
    import: strip(imported),
    goal: { seconds: 5, rssGrowthMb: 100, met },
  };
}
