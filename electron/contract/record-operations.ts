// The cross-linked record's part of the operation table (spread into `operations` in ./operations.ts).
import type { Archive } from '../../db/open';
import { addClaim, addIncidentActor } from '../../db/ops/claims';
import { addAliases, addEntity, addMention, entityMentions, getEntity, listEntities } from '../../db/ops/entities';
import { graph } from '../../db/ops/graph';
import { getPassages } from '../../db/ops/passages';
import { addSource, gradeItem, gradeSource, listSources } from '../../db/ops/sources';
import { acceptEntity, acceptSuggestion, dismissSuggestion, listSuggestions, suggestEntities, suggestStatements } from '../../db/ops/suggestions';
import { timeline } from '../../db/ops/timeline';
import { resolveWikiLinks, wikiLinksOf } from '../../db/ops/wikilinks';
import { resolveItemId } from '../../db/ops/items';
import type { InputOf, OutputOf, RecordOutputs } from './index';

type RecordOperation = keyof RecordOutputs;

export const recordOperations: { [Name in RecordOperation]: (archive: Archive, input: InputOf<Name>) => OutputOf<Name> } = {
  getPassages,
  suggestStatements,
  suggestEntities,
  listSuggestions,
  acceptSuggestion,
  acceptEntity,
  dismissSuggestion,
  addEntity,
  addAliases,
  listEntities,
  getEntity,
  addMention,
  entityMentions,
  addIncidentActor,
  addClaim,
  addSource,
  listSources,
  gradeSource,
  gradeItem,
  wikiLinks: (archive, input) => ({ links: wikiLinksOf(archive, input.id ? resolveItemId(archive, input.id) : null) }),
  resolveWikiLinks: (archive) => resolveWikiLinks(archive),
  timeline,
  graph,
};
