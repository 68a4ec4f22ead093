// Statements: what a named speaker said, when and where, verbatim, optionally tied to the article it came from.
import type { NewStatement } from '../../electron/contract';
import type { Archive } from '../open';
import { statements } from '../schema';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { insertItem, resolveItemId } from './items';
import { insertLink } from './links';
import { setSpeakerEntity } from './speakers';

const TITLE_QUOTE_LENGTH = 90;

export function statementTitle(speaker: string, quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  const short = flat.length > TITLE_QUOTE_LENGTH ? `${flat.slice(0, TITLE_QUOTE_LENGTH - 1).trimEnd()}…` : flat;
  return `${speaker}: “${short}”`;
}

export function addStatement(archive: Archive, input: NewStatement): { id: string } {
  return archive.sqlite.transaction(() => {
    const sourceId = input.source ? resolveItemId(archive, input.source) : null;
    const id = insertItem(archive, 'statement', statementTitle(input.speaker, input.quote), input.language);
    archive.orm
      .insert(statements)
      .values({
        itemId: id,
        speaker: input.speaker,
        role: input.role ?? null,
        organisation: input.organisation ?? null,
        statedOn: input.date ?? null,
        venue: input.venue ?? null,
        language: input.language ?? null,
        quote: input.quote,
        translation: input.translation ?? null,
        statedAtTime: input.time ?? null,
        anchorExact: input.anchor?.exact ?? null,
        anchorPrefix: input.anchor?.prefix ?? null,
        anchorSuffix: input.anchor?.suffix ?? null,
      })
      .run();
    if (input.speakerEntity) setSpeakerEntity(archive, id, input.speakerEntity);
    reindexItem(archive, id);
    appendAudit(archive, { action: 'create', itemId: id, detail: { type: 'statement', source: sourceId } });
    if (sourceId) insertLink(archive, { from: id, to: sourceId, rel: 'sourced-from' });
    return { id };
  })();
}
