// Opening an archive: refuse files that are not ours or that a newer Dossier wrote (without touching them),
// back up before migrating an older schema, then migrate with foreign keys off and check them afterwards.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as schema from './schema';
import { DossierError } from './errors';
import { migrationsDir } from './paths';
import { ensureSearchIndexCurrent } from './search/reindex';
import { registerPairsFunction } from './search/pairs';

/** "DOSS" in ASCII: marks a SQLite file as a Dossier archive. */
export const APPLICATION_ID = 0x444f5353;

export interface Archive {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly orm: BetterSQLite3Database<typeof schema>;
  readonly schemaVersion: number;
  /** True when this open created the file (a first start). */
  readonly created: boolean;
  /** The better-sqlite3 addon path this archive was opened with, for second (read-only) connections to it. */
  readonly nativeBinding?: string | undefined;
  close(): void;
}

export interface OpenOptions {
  /** Loads better-sqlite3's addon from an explicit path (the Electron build lives apart from the Node one). */
  nativeBinding?: string;
  migrationsFolder?: string;
  readonly?: boolean;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function knownSchemaVersion(folder = migrationsDir()): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.length;
}

function readHeader(path: string, nativeBinding?: string): { userVersion: number; applicationId: number } {
  let probe: Database.Database;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    throw new DossierError('NOT_AN_ARCHIVE', `Cannot open "${path}" as an archive: ${(error as Error).message}`);
  }
  try {
    return {
      userVersion: probe.pragma('user_version', { simple: true }) as number,
      applicationId: probe.pragma('application_id', { simple: true }) as number,
    };
  } catch (error) {
    throw new DossierError('NOT_AN_ARCHIVE', `"${path}" is not a SQLite archive: ${(error as Error).message}`);
  } finally {
    probe.close();
  }
}

export function openArchive(path: string, options: OpenOptions = {}): Archive {
  const folder = options.migrationsFolder ?? migrationsDir();
  const latest = knownSchemaVersion(folder);
  const existed = existsSync(path);
  let previousVersion = 0;

  if (existed) {
    const header = readHeader(path, options.nativeBinding);
    if (header.applicationId !== 0 && header.applicationId !== APPLICATION_ID) {
      throw new DossierError('NOT_AN_ARCHIVE', `"${path}" is a SQLite file of another application, not a Dossier archive.`);
    }
    if (header.userVersion > latest) {
      throw new DossierError(
        'ARCHIVE_TOO_NEW',
        `"${path}" was written by a newer Dossier (schema ${header.userVersion}; this version knows ${latest}). ` +
          'Update Dossier to open it; the file was left untouched.',
      );
    }
    previousVersion = header.userVersion;
  } else {
    if (options.readonly) throw new DossierError('NOT_FOUND', `No archive at "${path}".`);
    mkdirSync(dirname(path), { recursive: true });
  }

  const sqlite = new Database(path, { nativeBinding: options.nativeBinding, readonly: options.readonly ?? false });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // The search_docs triggers (and migration 12) derive the word-pairs index through this function.
    registerPairsFunction(sqlite);
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
      // Deleted and purged text is overwritten in the file, not left in free space for a forensic tool to find.
      sqlite.pragma('secure_delete = ON');
      if (previousVersion < latest) migrateArchive(sqlite, path, previousVersion, latest, folder);
    }
    sqlite.pragma('foreign_keys = ON');
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const orm = drizzle(sqlite, { schema });
  const archive: Archive = {
    path,
    sqlite,
    orm,
    schemaVersion: latest,
    created: !existed,
    close() {
      if (!sqlite.open) return;
      if (!sqlite.readonly) sqlite.pragma('optimize');
      sqlite.close();
    },
  };
  // The search index follows the normalisation rules of this version (a no-op when it already does).
  ensureSearchIndexCurrent(archive);
  return archive;
}

function migrateArchive(sqlite: Database.Database, path: string, from: number, to: number, folder: string): void {
  if (from > 0) {
    // An archive with data is about to change shape: keep a copy of it as it was.
    const backupPath = `${path}.before-schema-${to}.bak`;
    if (!existsSync(backupPath)) sqlite.prepare('VACUUM INTO ?').run(backupPath);
  }
  sqlite.pragma('foreign_keys = OFF');
  const orm = drizzle(sqlite);
  migrate(orm, { migrationsFolder: folder });
  const violations = sqlite.pragma('foreign_key_check') as unknown[];
  if (violations.length > 0) {
    throw new DossierError('INTERNAL', `Migration left ${violations.length} broken references in "${path}".`);
  }
  sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  sqlite.pragma(`user_version = ${to}`);
}
