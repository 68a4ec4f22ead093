// Passages that statements quote are marked inside the article's readable page (which runs no script, so the
// marks are in its HTML), as they are in the text view: across elements and whitespace, at the right occurrence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markPassages } from '../../db/ops/evidence-marks';
import { evidenceDocument } from '../../db/ops/evidence';
import { fixture, tempArchive, type TestArchive } from '../helpers';

const marksIn = (html: string): string[] => [...html.matchAll(/<mark [^>]*class="passage"[^>]*>([^<]*)<\/mark>/g)].map((match) => match[1]!);

describe('markPassages', () => {
  it('marks a passage that runs across elements and line breaks', () => {
    const html = '<p>The ministry said: <b>three\n   bases</b> were destroyed in the desert.</p>';
    const marked = markPassages(html, [{ text: 'three bases were destroyed', before: 'The ministry said: ', label: 'Quoted by Popov' }]);
    expect(marksIn(marked)).toEqual(['three\n   bases', ' were destroyed']);
    expect(marked).toContain('title="Quoted by Popov"');
    expect(marked.replace(/<[^>]+>/g, '')).toBe(html.replace(/<[^>]+>/g, ''));
  });

  it('picks the occurrence its preceding text points to', () => {
    const html = '<p>He said no. Later the army said no.</p>';
    const marked = markPassages(html, [{ text: 'no', before: 'Later the army said ', label: 'Quoted' }]);
    expect(marked.replace(/<mark [^>]*>/, '<mark>')).toBe('<p>He said no. Later the army said <mark>no</mark>.</p>');
  });

  it('leaves the page as it was when a passage is not in it', () => {
    const html = '<p>Nothing quoted here.</p>';
    expect(markPassages(html, [{ text: 'elsewhere', before: '', label: 'x' }])).toBe(html);
  });
});

describe('the readable page of an article', () => {
  let t: TestArchive;
  beforeEach(() => {
    t = tempArchive();
  });
  afterEach(() => t.dispose());

  it('marks the passage an accepted statement quotes, and only in the readable view', async () => {
    const { imported } = await t.call('importPaths', { paths: [fixture('records', 'suknah-ambush.html')] });
    const articleId = imported[0]!.id;
    expect(marksIn((await evidenceDocument(t.archive, { id: articleId, view: 'readable' })).html)).toEqual([]);
    const { suggestions } = await t.call('suggestStatements', { id: articleId });
    await t.call('acceptSuggestion', { id: suggestions[0]!.id });

    const readable = (await evidenceDocument(t.archive, { id: articleId, view: 'readable' })).html;
    expect(marksIn(readable).join('').replace(/\s+/g, ' ')).toBe(
      'The Russian Air Force destroyed three bases used by militants in the Homs desert over the past week.',
    );
    expect(readable).toContain('title="Quoted by Yuri Popov"');
    const original = (await evidenceDocument(t.archive, { id: articleId, view: 'original' })).html;
    expect(marksIn(original)).toEqual([]);
  });
});
