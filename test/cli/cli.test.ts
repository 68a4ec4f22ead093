// The `dossier` command as a user's script runs it: a subprocess, JSON on stdout, errors on stderr, exit codes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runDossier, tempDir } from '../helpers';

const dir = tempDir('dossier-cli-');
const archivePath = join(dir.path, 'cli.sqlite');
afterAll(() => dir.remove());

const dossier = (args: string[], env: Record<string, string> = {}) => runDossier(args, { cwd: dir.path, env: { DOSSIER_DB: archivePath, ...env } });

describe('dossier CLI', () => {
  let articleId: string;

  beforeAll(() => {
    const imported = dossier(['import', fixture('articles', 'al-suknah-ambush.txt'), '--json']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    articleId = imported.json.imported[0].id;
  });

  it('prints help and its version', () => {
    const help = dossier(['--help']);
    expect(help.status).toBe(0);
    for (const command of ['import', 'search', 'show', 'add note', 'add statement', 'add incident', 'link', 'case create', 'serve']) {
      expect(help.stdout).toContain(command);
    }
    expect(dossier(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('imports an article and reports it in the documented shape', () => {
    const again = dossier(['import', fixture('articles', 'al-suknah-ambush.txt'), '--json']);
    expect(again.status).toBe(0);
    expect(again.json).toEqual({
      runId: expect.any(String),
      imported: [],
      duplicates: [{ path: fixture('articles', 'al-suknah-ambush.txt'), id: articleId }],
      failed: [],
      cancelled: false,
      watchHits: [],
    });
  });

  it('search "Popov" finds the article with a highlighted snippet', () => {
    const found = dossier(['search', 'Popov', '--json']);
    expect(found.status).toBe(0);
    expect(found.json.total).toBe(1);
    expect(found.json.hits[0]).toMatchObject({ id: articleId, type: 'article', title: expect.stringContaining('ambushed') });
    expect(found.json.hits[0].snippet).toContain('\uE000Popov\uE001');
    expect(Object.keys(found.json.hits[0]).sort()).toEqual(['date', 'id', 'snippet', 'title', 'type']);
    const human = dossier(['search', 'Popov']);
    expect(human.stdout).toContain('[Popov]');
    expect(human.stdout).toContain('1 shown of 1 matching');
  });

  it('adds a statement with --source and shows the link from both ends', () => {
    const added = dossier([
      'add', 'statement', '--speaker', 'Yuri Popov', '--role', 'Major General', '--date', '2024-04-18',
      '--venue', 'Press conference', '--quote', 'Russian aircraft destroyed three militant hideouts.', '--source', articleId, '--json',
    ]);
    expect(added.status).toBe(0);
    const statementId = added.json.id as string;
    const statement = dossier(['show', statementId, '--json']).json;
    expect(statement.statement).toMatchObject({ speaker: 'Yuri Popov', date: '2024-04-18' });
    expect(statement.links).toEqual([expect.objectContaining({ id: articleId, rel: 'sourced-from', direction: 'out', type: 'article' })]);
    const article = dossier(['show', articleId, '--json']).json;
    expect(article.links).toEqual([expect.objectContaining({ id: statementId, rel: 'sourced-from', direction: 'in', type: 'statement' })]);
    expect(dossier(['search', 'hideouts', '--type', 'statement', '--json']).json.hits.map((h: { id: string }) => h.id)).toEqual([statementId]);
  });

  it('adds notes and incidents, links them and gathers them in a case', () => {
    const note = dossier(['add', 'note', '--title', 'Second source needed', '--body', 'Only one outlet gives 20 dead.', '--json']).json.id;
    const incident = dossier(['add', 'incident', '--title', 'Bus ambush near Al-Suknah', '--date', '2024-04-19', '--place', 'Al-Suknah, Homs', '--killed', '20', '--source', articleId, '--json']).json.id;
    const link = dossier(['link', note, incident, '--rel', 'about', '--note', 'toll', '--json']);
    expect(link.status).toBe(0);
    expect(link.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(dossier(['show', incident, '--json']).json.incident.claims).toEqual([expect.objectContaining({ kind: 'killed', valueNumber: 20, sourceItemId: articleId })]);

    const created = dossier(['case', 'create', 'Al-Suknah ambush', '--json']);
    expect(created.status).toBe(0);
    expect(dossier(['case', 'add', 'Al-Suknah ambush', articleId, note, incident, '--json']).json).toEqual({ caseId: created.json.id, added: 3 });
    expect(dossier(['case', 'list', '--json']).json.cases).toEqual([expect.objectContaining({ name: 'Al-Suknah ambush', itemCount: 3 })]);
    expect(dossier(['list', '--case', 'Al-Suknah ambush', '--json']).json.total).toBe(3);
  });

  it('reports errors on stderr with a non-zero exit, as JSON with --json', () => {
    const missing = dossier(['show', 'no-such-id', '--json']);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toBe('');
    expect(JSON.parse(missing.stderr)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('no-such-id') } });

    const badRel = dossier(['link', articleId, articleId, '--rel', 'likes', '--json']);
    expect(badRel.status).toBe(1);
    expect(JSON.parse(badRel.stderr).error.code).toBe('INVALID_INPUT');

    const usage = dossier(['frobnicate']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('unknown command');
    expect(dossier(['add', 'note', '--json']).status).toBe(2);
    expect(dossier(['search', '"unclosed', '--json']).status).toBe(1);

    const failedImport = dossier(['import', fixture('articles', 'al-suknah-ambush.txt'), join(dir.path, 'nope.docx'), '--json']);
    expect(failedImport.status).toBe(1);
    expect(failedImport.json.failed).toHaveLength(1);
    expect(failedImport.json.duplicates).toHaveLength(1);
  });

  it('--db overrides $DOSSIER_DB', () => {
    const other = join(dir.path, 'other.sqlite');
    expect(dossier(['add', 'note', '--title', 'elsewhere', '--db', other, '--json']).status).toBe(0);
    expect(dossier(['info', '--db', other, '--json']).json).toMatchObject({ path: other, counts: { note: 1, article: 0 } });
    expect(dossier(['search', 'elsewhere', '--json']).json.total).toBe(0);
  });
});
