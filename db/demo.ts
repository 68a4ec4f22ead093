// The demo case a first start shows: an article, the statement it quotes, the incident it reports and a note,
// linked and gathered in one case. Its text lives in resources/demo and was written for Dossier.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewIncident, NewStatement } from '../electron/contract';
import type { Archive } from './open';
import { resourcesDir } from './paths';
import { importOne } from './import';
import { addStatement } from './ops/statements';
import { addIncident } from './ops/incidents';
import { addNote } from './ops/notes';
import { addLink } from './ops/links';
import { addToCase, createCase } from './ops/cases';

interface DemoCase {
  case: { name: string; description: string };
  article: string;
  statement: Omit<NewStatement, 'source'>;
  incident: Omit<NewIncident, 'source'>;
  note: { title: string; body: string };
}

/** True for an archive nobody has used yet: no items and no history. */
function isUntouched(archive: Archive): boolean {
  const row = archive.sqlite
    .prepare('SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM audit_log) AS n')
    .get() as { n: number };
  return row.n === 0;
}

export async function seedDemo(archive: Archive): Promise<{ caseId: string; ids: string[] }> {
  const folder = join(resourcesDir(), 'demo');
  const demo = JSON.parse(readFileSync(join(folder, 'demo-case.json'), 'utf8')) as DemoCase;
  const articlePath = join(folder, demo.article);
  const outcome = await importOne(archive, { path: articlePath });
  if (outcome.status === 'failed') throw new Error(`The demo article did not import: ${outcome.error}`);
  const articleId = outcome.id;
  return archive.sqlite.transaction(() => {
    const statementId = addStatement(archive, { ...demo.statement, source: articleId }).id;
    const incidentId = addIncident(archive, { ...demo.incident, source: articleId }).id;
    const noteId = addNote(archive, demo.note).id;
    addLink(archive, { from: articleId, to: statementId, rel: 'quotes' });
    addLink(archive, { from: articleId, to: incidentId, rel: 'reports-on' });
    addLink(archive, { from: noteId, to: incidentId, rel: 'about' });
    const { id: caseId } = createCase(archive, demo.case);
    const ids = [articleId, statementId, incidentId, noteId];
    addToCase(archive, { caseRef: caseId, ids });
    return { caseId, ids };
  })();
}

export async function seedDemoIfNew(archive: Archive): Promise<boolean> {
  if (!isUntouched(archive)) return false;
  await seedDemo(archive);
  return true;
}
