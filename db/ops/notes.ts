// Notes: an investigator's own writing, in Markdown.
import type { NewNote } from '../../electron/contract';
import type { Archive } from '../open';
import { notes } from '../schema';
import { reindexItem } from '../search/index-item';
import { appendAudit } from './audit';
import { insertItem } from './items';
import { syncWikiLinks } from './wikilinks';

export function addNote(archive: Archive, input: NewNote): { id: string } {
  return archive.sqlite.transaction(() => {
    const id = insertItem(archive, 'note', input.title);
    archive.orm.insert(notes).values({ itemId: id, bodyMarkdown: input.body ?? '' }).run();
    reindexItem(archive, id);
    syncWikiLinks(archive, id);
    appendAudit(archive, { action: 'create', itemId: id, detail: { type: 'note' } });
    return { id };
  })();
}
