// Property-based fuzzing with fast-check: random and mutated inputs to the query parser, the normaliser, the HTML
// and MHTML importers, the readable HTML writer, the case zip reader and every operation of the contract never
// crash, never hang past a bound, and fail only with a DossierError (a code and a sentence). Runs are seeded and
// moderate; DOSSIER_FUZZ_RUNS raises them for a longer session.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DossierError } from '../../db/errors';
import { parseHtmlDocument } from '../../db/import/html';
import { parseMhtml } from '../../db/import/mhtml';
import { CaseZip } from '../../db/export/reader';
import { normaliseForSearch } from '../../db/search/normalise';
import { parseQuery } from '../../db/search/query';
import { OPERATION_NAMES, schemas } from '../../electron/contract';
import { callOperation } from '../../electron/contract/operations';
import { fixture, tempArchive, type TestArchive } from '../helpers';

const RUNS = Number(process.env.DOSSIER_FUZZ_RUNS ?? 150);
const SEED = Number(process.env.DOSSIER_FUZZ_SEED ?? 8);
/** No single input may take longer than this: a hang (catastrophic backtracking, a loop) fails the run. */
const BOUND_MS = 2_000;
const options = (numRuns = RUNS): fc.Parameters<unknown> => ({ numRuns, seed: SEED, endOnFailure: true });

/** Runs `work`, which must succeed or throw a DossierError, within the time bound. */
function survives<T>(work: () => T): T | DossierError {
  const started = performance.now();
  let outcome: T | DossierError;
  try {
    outcome = work();
  } catch (error) {
    if (!(error instanceof DossierError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    outcome = error;
  }
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return outcome;
}

async function survivesAsync<T>(work: () => Promise<T>): Promise<T | DossierError> {
  const started = performance.now();
  let outcome: T | DossierError;
  try {
    outcome = await work();
  } catch (error) {
    if (!(error instanceof DossierError)) throw error;
    expect(error.message.length).toBeGreaterThan(10);
    outcome = error;
  }
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return outcome;
}

/** Inputs that look like what they feed: query syntax, markup, MIME headers, mixed with noise and other scripts. */
const queryText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(fc.constantFrom('"', '(', ')', '-', '*', ' OR ', ' NOT ', 'type:', 'type:note', 'popov', 'أحمد', 'Артём', ' ', 'a*', '""', '\u0000', '\uE000'), {
      maxLength: 25,
    })
    .map((parts) => parts.join('')),
);

const markup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="https://example.org/">link</a>',
        '<iframe src="https://evil.example/"></iframe>',
        '<svg onload=alert(1)><use href="#x"/></svg>',
        '<p style="background:url(https://t.example/)">',
        '<object data="x.swf"></object>',
        '<form action="https://evil.example/"><input formaction="x"></form>',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
        '<title>Title</title>',
        '<article><h1>Heading</h1><p>Body text of an article about a convoy.</p></article>',
        '<!-- saved from url=(0031)https://example.org/story -->',
        '<link rel="canonical" href="https://example.org/c">',
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2024-13-45"}</script>',
        '<base href="https://evil.example/">',
        '<table><tr><td colspan="99999999">x</td></tr></table>',
        '<div><div><div><div><p>deep</p></div></div></div></div>',
        '&amp;&#0;&#x110000;&nbsp;&bogus;',
        '</p></div></body>',
        '<![CDATA[x]]>',
        '<img srcset="data:image/png;base64,iVBORw0KGgo= 1x">',
      ),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Flips, inserts and deletes bytes of a real file. */
function mutated(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const edit = fc.record({ at: fc.nat({ max: Math.max(0, original.length - 1) }), byte: fc.integer({ min: 0, max: 255 }), kind: fc.constantFrom('set', 'insert', 'delete', 'truncate') });
  return fc.array(edit, { minLength: 1, maxLength: 12 }).map((edits) => {
    const bytes = [...original];
    for (const { at, byte, kind } of edits) {
      const index = Math.min(at, bytes.length);
      if (kind === 'set' && index < bytes.length) bytes[index] = byte;
      else if (kind === 'insert') bytes.splice(index, 0, byte);
      else if (kind === 'delete') bytes.splice(index, 1);
      else if (kind === 'truncate') bytes.length = index;
    }
    return Uint8Array.from(bytes);
  });
}

describe('the query parser and search', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = tempArchive();
    await t.call('addNote', { title: 'Popov at the briefing', body: 'Артём and أحمد met near the convoy.' });
    await t.call('addStatement', { speaker: 'Popov', quote: 'Three bases were hit.' });
  });
  afterAll(() => t.dispose());

  it('parses any text or refuses it with BAD_QUERY', () => {
    fc.assert(
      fc.property(queryText, (query) => {
        const outcome = survives(() => parseQuery(query));
        if (outcome instanceof DossierError) expect(outcome.code).toBe('BAD_QUERY');
      }),
      options(RUNS * 3),
    );
  });

  it('answers any query through the contract with results or a clear error, never an FTS5 error', async () => {
    await fc.assert(
      fc.asyncProperty(queryText, fc.constantFrom(undefined, 'note', 'statement'), async (query, type) => {
        const result = await survivesAsync(() => callOperation(t.archive, 'search', type ? { query, type } : { query }));
        if (result instanceof DossierError) throw result;
        if (!result.ok) expect(['BAD_QUERY', 'INVALID_INPUT']).toContain(result.error.code);
      }),
      options(RUNS * 2),
    );
  });
});

describe('the normaliser', () => {
  it('accepts any string, is idempotent, and folds line ends', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const once = survives(() => normaliseForSearch(text)) as string;
        expect(normaliseForSearch(once)).toBe(once);
        expect(once).not.toContain('\r');
      }),
      options(RUNS * 3),
    );
  });
});

describe('the HTML importer and the readable HTML writer', () => {
  const FORBIDDEN_ELEMENTS = new Set(['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'INPUT', 'BASE', 'META', 'LINK', 'STYLE', 'SVG', 'FRAME']);
  const FORBIDDEN_ATTRIBUTE = /^(on.*|src|srcset|href|xlink:href|action|formaction|style|data|poster|background)$/i;

  /** The readable HTML must carry no script, no handler and no address that could load or navigate. */
  function assertInert(html: string): void {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    for (const element of document.body.querySelectorAll('*')) {
      expect(FORBIDDEN_ELEMENTS.has(element.tagName.toUpperCase()), `<${element.tagName}> in readable HTML`).toBe(false);
      for (const attribute of element.attributes) expect(attribute.name, `${attribute.name}= in readable HTML`).not.toMatch(FORBIDDEN_ATTRIBUTE);
    }
  }

  it('parses random markup, or refuses it clearly, and its readable HTML is inert', () => {
    fc.assert(
      fc.property(markup, (html) => {
        const parsed = survives(() => parseHtmlDocument(html, 'fuzz.html'));
        if (parsed instanceof DossierError) return;
        expect(typeof parsed.title).toBe('string');
        if (parsed.readableHtml) assertInert(parsed.readableHtml);
      }),
      options(),
    );
  });

  it('survives byte-level damage to a real saved page', () => {
    const page = readFileSync(fixture('articles', 'badia-strikes.html'));
    fc.assert(
      fc.property(mutated(page), (bytes) => {
        const parsed = survives(() => parseHtmlDocument(Buffer.from(bytes).toString('utf8'), 'damaged.html'));
        if (!(parsed instanceof DossierError) && parsed.readableHtml) assertInert(parsed.readableHtml);
      }),
      options(Math.ceil(RUNS / 2)),
    );
  });
});

describe('the MHTML importer', () => {
  const archives = ['al-suknah-ambush.mhtml', 'popov-briefing-1251.mhtml', 'lf-only.mhtml'].map((name) => readFileSync(fixture('mhtml', name)));

  it('survives damaged web archives and random bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...archives).chain((bytes) => mutated(bytes)),
          fc.uint8Array({ maxLength: 400 }),
          fc.string({ maxLength: 300 }).map((text) => new TextEncoder().encode(`Content-Type: multipart/related; boundary="b"\r\n\r\n--b\r\n${text}`)),
        ),
        (bytes) => {
          survives(() => parseMhtml(bytes));
        },
      ),
      options(),
    );
  });
});

describe('the case zip reader', () => {
  let t: TestArchive;
  let zipBytes: Buffer;
  beforeAll(async () => {
    t = tempArchive();
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(JSON.stringify({ format: 1, files: {} })), 'manifest.json');
    zip.addBuffer(Buffer.from('<p>readable</p>'.repeat(40)), 'items/a/readable.html');
    zip.addBuffer(Buffer.from('original bytes'), 'originals/ab/abcdef', { compress: false });
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    zipBytes = Buffer.concat(chunks);
  });
  afterAll(() => t.dispose());

  it('opens a damaged zip and reads every entry, or refuses it with a clear error', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(zipBytes), fc.uint8Array({ maxLength: 300 })), async (bytes) => {
        const path = join(t.dir, `fuzz-${run++}.zip`);
        writeFileSync(path, bytes);
        await survivesAsync(async () => {
          const zip = await CaseZip.open(path);
          try {
            for (const entry of zip.entries()) if (!entry.isDirectory) await zip.hash(entry.path);
          } finally {
            zip.close();
          }
        });
      }),
      options(),
    );
  });
});

describe('the contract', () => {
  let t: TestArchive;
  let ids: string[];
  beforeAll(async () => {
    t = tempArchive();
    ids = [
      (await t.call('addNote', { title: 'A note', body: 'text' })).id,
      (await t.call('addStatement', { speaker: 'S', quote: 'Q' })).id,
      (await t.call('addIncident', { title: 'I', killed: 2 })).id,
    ];
  });
  afterAll(() => t.dispose());

  /** Operations that read or write files named in their input are fed only shapeless JSON, never a path. */
  const touchesFiles = (name: string): boolean =>
    Object.keys((schemas as Record<string, { shape?: Record<string, unknown> }>)[name]?.shape ?? {}).some((key) => /path/i.test(key));

  const value = (): fc.Arbitrary<unknown> =>
    fc.oneof(
      fc.constantFrom(...(ids ?? ['x'])),
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...(ids ?? ['x']))), { maxLength: 3 }),
      fc.jsonValue({ maxDepth: 2 }),
    );

  it('answers random input to every operation with a Result, and never an internal error', async () => {
    const names = [...OPERATION_NAMES];
    const input = fc.constantFrom(...names).chain((name) => {
      const keys = Object.keys((schemas as Record<string, { shape?: Record<string, unknown> }>)[name]?.shape ?? {});
      const shaped =
        keys.length > 0 && !touchesFiles(name)
          ? fc.dictionary(fc.constantFrom(...keys, 'unexpected'), value(), { maxKeys: keys.length + 1 })
          : fc.constant({});
      return fc.tuple(fc.constant(name), fc.oneof(shaped, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined)));
    });
    await fc.assert(
      fc.asyncProperty(input, async ([name, raw]) => {
        const result = await survivesAsync(() => callOperation(t.archive, name, raw));
        if (result instanceof DossierError) throw result;
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.error.code, `${name}(${JSON.stringify(raw)}): ${result.error.message}`).not.toBe('INTERNAL');
          expect(result.error.message.length).toBeGreaterThan(5);
        }
      }),
      options(RUNS * 4),
    );
    // Whatever the random calls changed, they changed it through the engine: the archive still proves itself.
    const report = await callOperation(t.archive, 'checkArchive', {});
    expect(report).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('refuses unknown operations by name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }).filter((name) => !(OPERATION_NAMES as readonly string[]).includes(name)), async (name) => {
        expect(await callOperation(t.archive, name, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
      }),
      options(50),
    );
  });
});
