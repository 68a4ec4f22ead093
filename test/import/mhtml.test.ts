// MHTML as Chrome saves it: headers, quoted-printable and base64 parts, charsets, truncated and hostile files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DossierError } from '../../db/errors';
import { parseMhtml } from '../../db/import/mhtml';
import { fixture } from '../helpers';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(fixture('mhtml', name)));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function importError(run: () => unknown): DossierError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DossierError);
    expect((error as DossierError).code).toBe('IMPORT_FAILED');
    return error as DossierError;
  }
  throw new Error('expected an import error');
}

/** A small MHTML file with CRLF line breaks, for cases no fixture covers. */
function mhtml(topHeaders: string[], parts: { headers: string[]; body: string }[], boundary = 'b0undary'): Uint8Array {
  const text = [
    ...topHeaders,
    '',
    ...parts.flatMap((part) => [`--${boundary}`, ...part.headers, '', part.body]),
    `--${boundary}--`,
  ].join('\r\n');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

describe('parseMhtml on files in the shape Chrome writes', () => {
  it('reads an Arabic page: quoted-printable UTF-8 HTML, encoded-word title, date, stylesheet and base64 image', () => {
    const page = parseMhtml(read('al-suknah-ambush.mhtml'));
    expect(page.url).toBe('https://news.example.invalid/ar/2024/04/19/al-suknah-ambush');
    expect(page.capturedAt).toBe('2024-04-19T21:47:05.000Z');
    expect(page.title).toBe('كمين قرب السخنة في ريف حمص يقتل ثمانية جنود');
    expect(page.html).toMatch(/^<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta http-equiv="Content-Type" content="text\/html; charset=UTF-8">\r\n/);
    expect(page.html).toContain('في كمين نصبه مسلحون قرب بلدة السخنة في ريف حمص الشرقي.');
    expect(page.html).toContain('href="cid:css-5b1e0c7a-2f4d-4b8e-9a61-0d3c2e7f8a90@mhtml.blink"');
    expect(page.html).not.toMatch(/=\r?\n|=[0-9A-F]{2}/);

    expect(page.resources.map(({ location, contentId, mediaType }) => ({ location, contentId, mediaType }))).toEqual([
      { location: 'cid:css-5b1e0c7a-2f4d-4b8e-9a61-0d3c2e7f8a90@mhtml.blink', contentId: null, mediaType: 'text/css' },
      { location: 'https://news.example.invalid/ar/2024/04/19/al-suknah-ambush/photo.png', contentId: null, mediaType: 'image/png' },
    ]);
    const [css, png] = page.resources;
    expect(new TextDecoder().decode(css!.bytes)).toBe('@charset "utf-8";\r\n\r\narticle { font-family: "Noto Naskh Arabic", serif; }\r\n');
    expect(Array.from(png!.bytes.subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(Buffer.from(png!.bytes.subarray(-8, -4)).toString('latin1')).toBe('IEND');
  });

  it('reads a windows-1251 page declared in the part header, with a base64 encoded-word title and an unquoted boundary', () => {
    const page = parseMhtml(read('popov-briefing-1251.mhtml'));
    expect(page).toMatchObject({
      url: 'http://mil.example.invalid/news/2024-04-18-briefing.html',
      capturedAt: '2024-04-18T13:20:00.000Z',
      title: 'Брифинг генерал-майора Юрия Попова',
      resources: [],
    });
    expect(page.html).toContain('российские ВКС нанесли удары по трём базам террористов в горном массиве Эль-Амур.');
  });

  it('reads a file with bare LF line breaks, the charset only in the page meta tag (KOI8-R)', () => {
    const page = parseMhtml(read('lf-only.mhtml'));
    expect(page.title).toBe('Попов: удары');
    expect(page.capturedAt).toBe('2024-04-18T13:20:00.000Z');
    expect(page.html).toContain('<title>Попов: удары по базам в массиве Эль-Амур</title>');
    expect(page.html).toContain('Генерал-майор Юрий Попов провёл брифинг 18 апреля в Хмеймиме.');
    expect(page.resources).toHaveLength(1);
    const arabicPng = parseMhtml(read('al-suknah-ambush.mhtml')).resources[1]!.bytes;
    expect(page.resources[0]!.bytes).toEqual(arabicPng);
  });
});

describe('parseMhtml on damaged and foreign files', () => {
  it('keeps the complete page of a truncated file and drops the part that was cut off', () => {
    const whole = parseMhtml(read('al-suknah-ambush.mhtml'));
    const truncated = parseMhtml(read('truncated.mhtml'));
    expect(truncated.html).toBe(whole.html);
    expect(truncated.title).toBe(whole.title);
    expect(truncated.resources.map((resource) => resource.mediaType)).toEqual(['text/css']);
  });

  it('refuses a file cut off inside its web page part', () => {
    const bytes = read('al-suknah-ambush.mhtml');
    const cut = Buffer.from(bytes).indexOf('</article>');
    expect(importError(() => parseMhtml(bytes.subarray(0, cut))).message).toMatch(/not a complete MHTML file/);
  });

  it('refuses files that are not MHTML at all', () => {
    for (const text of ['', '<!DOCTYPE html><html><body>Hello</body></html>', 'Subject: hi\r\n\r\nplain mail']) {
      expect(importError(() => parseMhtml(new TextEncoder().encode(text))).message).toMatch(/not an MHTML web archive/);
    }
    const noBoundary = mhtml(['Content-Type: multipart/related; type="text/html"'], []);
    expect(importError(() => parseMhtml(noBoundary)).message).toMatch(/not an MHTML web archive/);
  });

  it('refuses a complete file without any web page in it', () => {
    const onlyImage = mhtml(['Content-Type: multipart/related; boundary=b0undary'], [
      { headers: ['Content-Type: image/png', 'Content-Transfer-Encoding: base64'], body: 'iVBORw0KGgo=' },
    ]);
    expect(importError(() => parseMhtml(onlyImage)).message).toMatch(/holds no web page/);
  });

  it('gets through 20 MB of junk quickly, with and without valid headers in front', () => {
    let seed = 7;
    const junk = new Uint8Array(20 * 1024 * 1024);
    for (let index = 0; index < junk.length; index++) junk[index] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const headers = Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n');
    const started = performance.now();
    expect(importError(() => parseMhtml(junk)).message).toMatch(/not an MHTML web archive/);
    expect(importError(() => parseMhtml(Buffer.concat([headers, junk]))).message).toMatch(/not a complete MHTML file/);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('parseMhtml details', () => {
  it('picks the part at the snapshot location over an earlier frame, and reads 8bit, binary and 7bit parts', () => {
    const bytes = mhtml(
      ['Snapshot-Content-Location: https://a.example.invalid/page', 'Content-Type: Multipart/Related; boundary=b0undary'],
      [
        { headers: ['Content-Type: text/html', 'Content-ID: <frame-1@mhtml.blink>', 'Content-Transfer-Encoding: 7bit'], body: '<p>ad frame</p>' },
        {
          headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit', 'Content-Location: https://a.example.invalid/page'],
          body: Buffer.from('<p>Пальмира</p>', 'utf8').toString('latin1'),
        },
        { headers: ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: binary'], body: '\x00\x01\xff' },
      ],
    );
    const page = parseMhtml(bytes);
    expect(page.html).toBe('<p>Пальмира</p>');
    expect(page.title).toBeNull();
    expect(page.capturedAt).toBeNull();
    expect(page.resources.map(({ contentId, mediaType }) => ({ contentId, mediaType }))).toEqual([
      { contentId: 'frame-1@mhtml.blink', mediaType: 'text/html' },
      { contentId: null, mediaType: 'application/octet-stream' },
    ]);
    expect(Array.from(page.resources[1]!.bytes)).toEqual([0, 1, 255]);
  });

  it('falls back to the page part location, keeps stray "=" in quoted-printable, and reads undeclared windows-1256', () => {
    const windows1256 = Buffer.from([0xc7, 0xe1, 0xd3, 0xce, 0xe4, 0xc9, 0x20, 0xdd, 0xed, 0x20, 0xd1, 0xed, 0xdd, 0x20, 0xcd, 0xe3, 0xd5]);
    const qp = Array.from(windows1256, (byte) => `=${byte.toString(16).toUpperCase()}`).join('');
    const page = parseMhtml(
      mhtml(
        ['Subject: =?utf-8?B?2KfZhNiz2K7ZhtipINmB2Yog2LHZitmBINit2YXYtQ==?=', 'Content-Type: multipart/related; boundary="b0undary"'],
        [{ headers: ['Content-Type: text/html', 'Content-Transfer-Encoding: quoted-printable', 'Content-Location: https://b.example.invalid/x'], body: `a = b =\r\n${qp}` }],
      ),
    );
    expect(page.url).toBe('https://b.example.invalid/x');
    expect(page.title).toBe('السخنة في ريف حمص');
    expect(page.html).toBe('a = b السخنة في ريف حمص');
  });
});
