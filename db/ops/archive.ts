// Facts about the open archive: where it is, its schema, what it holds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveInfo, ItemType } from '../../electron/contract';
import type { Archive } from '../open';
import { packageRoot } from '../paths';

export function appVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

export function archiveInfo(archive: Archive): ArchiveInfo {
  const counts: Record<ItemType, number> = { article: 0, statement: 0, incident: 0, note: 0 };
  const rows = archive.sqlite
    .prepare('SELECT type, count(*) AS n FROM items WHERE deleted_at IS NULL GROUP BY type')
    .all() as { type: ItemType; n: number }[];
  for (const row of rows) counts[row.type] = row.n;
  return { path: archive.path, schemaVersion: archive.schemaVersion, appVersion: appVersion(), counts };
}
