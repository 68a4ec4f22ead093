// Charset detection on real bytes: Arabic, Russian and Western news text in the encodings they are saved in.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCharset } from '../../db/import/charset';
import { fixture } from '../helpers';

// Fixture names are NAME.LABEL.txt; expected/NAME.txt is the same text in UTF-8 (see make-fixtures.py).
const samples = readdirSync(fixture('charset'))
  .map((file) => /^(.+)\.([\w-]+)\.txt$/.exec(file))
  .filter((match): match is RegExpExecArray => match !== null)
  .map(([file, name, encoding]) => ({ file: file!, name: name!, encoding: encoding! }));

describe('detectCharset', () => {
  it('has fixtures for every language, length and encoding', () => {
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(new Set(samples.map((sample) => sample.encoding))).toEqual(
      new Set(['utf-8', 'utf-16le', 'utf-16be', 'windows-1256', 'iso-8859-6', 'windows-1251', 'koi8-r', 'iso-8859-5', 'windows-1252']),
    );
  });

  it.each(samples)('$file is read as $encoding and decodes to the original text', ({ file, name, encoding }) => {
    const bytes = readFileSync(fixture('charset', file));
    const guess = detectCharset(bytes);
    expect(guess.encoding).toBe(encoding);
    expect(guess.confidence).toBeGreaterThan(0);
    expect(guess.confidence).toBeLessThanOrEqual(1);
    expect(new TextDecoder(guess.encoding).decode(bytes)).toBe(readFileSync(fixture('charset', 'expected', `${name}.txt`), 'utf8'));
  });

  it('calls pure ASCII UTF-8 with full confidence', () => {
    expect(detectCharset(new TextEncoder().encode('Ambush near Al-Suknah, Homs, 19 April 2024'))).toEqual({ encoding: 'utf-8', confidence: 1 });
    expect(detectCharset(new Uint8Array(0))).toEqual({ encoding: 'utf-8', confidence: 1 });
  });

  it('keeps UTF-8 when the 64 KB sample ends in the middle of a character', () => {
    const arabic = readFileSync(fixture('charset', 'arabic-long.utf-8.txt'));
    const long = Buffer.concat([Buffer.from('x'), ...Array.from({ length: 200 }, () => arabic)]);
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(detectCharset(long).encoding).toBe('utf-8');
  });

  it('falls back to windows-1252 with low confidence for bytes no candidate explains', () => {
    const noise = Uint8Array.from({ length: 400 }, (_, index) => 0x80 + ((index * 7) % 0x20));
    expect(detectCharset(noise)).toEqual({ encoding: 'windows-1252', confidence: 0.1 });
  });

  it('always answers with a label TextDecoder accepts, even for random binary bytes', () => {
    let seed = 42;
    const random = Uint8Array.from({ length: 100_000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23);
    const guess = detectCharset(random);
    expect(() => new TextDecoder(guess.encoding)).not.toThrow();
  });

  it('samples a large file quickly', () => {
    const russian = readFileSync(fixture('charset', 'russian-long.koi8-r.txt'));
    const large = Buffer.concat(Array.from({ length: 20_000 }, () => russian)); // about 10 MB
    const started = performance.now();
    expect(detectCharset(large).encoding).toBe('koi8-r');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
