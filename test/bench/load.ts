// Load on the browser door: `dossier serve` (the built CLI, a real process) on 127.0.0.1 with N clients searching
// in a loop and one importing pages one by one, for a bounded time. Afterwards every imported page must be found
// by its own unique word (no lost write) and the archive must pass `check`. Used by the load test (a few seconds)
// and by `npm run bench -- --only load` (60 seconds).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openArchive } from '../../db/open';
import { addNote } from '../../db/ops/notes';
import { addStatement } from '../../db/ops/statements';

export interface LoadOptions {
  cli: string;
  dir: string;
  seconds: number;
  clients: number;
  /** Items in the archive before the load starts. */
  seedItems?: number;
}

export interface LoadResult {
  seconds: number;
  clients: number;
  searches: number;
  searchesPerSecond: number;
  searchP50Ms: number;
  searchP95Ms: number;
  searchMaxMs: number;
  imports: number;
  importP95Ms: number;
  errors: string[];
  lostWrites: string[];
  checkOk: boolean;
}

const QUERIES = ['convoy', 'ministry statement', '"press briefing"', 'shel*', 'convoy OR checkpoint', 'type:statement popov', 'market -school', 'district council', 'witness', 'aid border'];
const WORDS = 'convoy checkpoint shelling ministry witness village district statement road bridge market hospital school council aid border briefing'.split(' ');

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

function seedArchive(path: string, count: number): void {
  const archive = openArchive(path);
  try {
    archive.sqlite.transaction(() => {
      for (let n = 0; n < count; n++) {
        const words = Array.from({ length: 60 }, (_, k) => WORDS[(n * 7 + k * 3) % WORDS.length]).join(' ');
        if (n % 3 === 0) addStatement(archive, { speaker: n % 2 ? 'Popov' : 'Rami', quote: `${words} ${n}` });
        else addNote(archive, { title: `Note ${n} ${WORDS[n % WORDS.length]}`, body: words });
      }
    })();
  } finally {
    archive.close();
  }
}

async function startServe(cli: string, db: string): Promise<{ base: string; token: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [cli, 'serve', '--json', '--db', db], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`dossier serve exited (${code}): ${stderr}`)));
  });
  const url = new URL((JSON.parse(firstLine) as { url: string }).url);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  return {
    base: `${url.protocol}//${url.host}`,
    token,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const db = join(options.dir, `load-${Date.now()}.sqlite`);
  seedArchive(db, options.seedItems ?? 2_000);
  const server = await startServe(options.cli, db);
  const errors: string[] = [];
  const call = async (name: string, input: unknown): Promise<{ value: any; ms: number }> => {
    const started = performance.now();
    const response = await fetch(`${server.base}/api/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    const ms = performance.now() - started;
    if (response.status !== 200 || !body.ok) throw new Error(`${name}: HTTP ${response.status} ${JSON.stringify(body.error)}`);
    return { value: body.value, ms };
  };

  const searchTimes: number[] = [];
  const importTimes: number[] = [];
  const imported: { id: string; token: string }[] = [];
  try {
    // The first import loads the HTML parsers (a few seconds, once per process): a running app has done that.
    await call('importFiles', { files: [{ name: 'warm-up.html', dataBase64: Buffer.from('<html><body><p>warm-up page</p></body></html>').toString('base64') }] });
    const until = Date.now() + options.seconds * 1000;
    const searcher = async (client: number): Promise<void> => {
      for (let n = client; Date.now() < until; n++) {
        try {
          searchTimes.push((await call('search', { query: QUERIES[n % QUERIES.length], limit: 20 })).ms);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    };
    const importer = async (): Promise<void> => {
      for (let n = 0; Date.now() < until; n++) {
        const token = `loadtoken${n.toString(36)}q${Date.now().toString(36)}`;
        const html = `<html><head><title>Load page ${n}</title></head><body><article><p>${WORDS.join(' ')} ${token}</p><p>${WORDS.slice().reverse().join(' ')}</p></article></body></html>`;
        try {
          const { value, ms } = await call('importFiles', { files: [{ name: `load-${n}.html`, dataBase64: Buffer.from(html).toString('base64') }] });
          importTimes.push(ms);
          const [entry] = (value as { imported: { id: string }[] }).imported;
          if (!entry) throw new Error(`load-${n}.html was not imported: ${JSON.stringify(value)}`);
          imported.push({ id: entry.id, token });
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    };
    await Promise.all([importer(), ...Array.from({ length: options.clients }, (_, client) => searcher(client))]);

    const lostWrites: string[] = [];
    for (const { id, token } of imported) {
      const found = (await call('search', { query: token })).value as { hits: { id: string }[] };
      if (found.hits.length !== 1 || found.hits[0]!.id !== id) lostWrites.push(`${id} (${token}) is not found by search`);
    }
    const check = (await call('checkArchive', {})).value as { ok: boolean };
    const sorted = searchTimes.slice().sort((a, b) => a - b);
    return {
      seconds: options.seconds,
      clients: options.clients,
      searches: searchTimes.length,
      searchesPerSecond: Math.round(searchTimes.length / options.seconds),
      searchP50Ms: percentile(sorted, 50),
      searchP95Ms: percentile(sorted, 95),
      searchMaxMs: percentile(sorted, 100),
      imports: imported.length,
      importP95Ms: percentile(importTimes.slice().sort((a, b) => a - b), 95),
      errors,
      lostWrites,
      checkOk: check.ok,
    };
  } finally {
    await server.stop();
  }
}
