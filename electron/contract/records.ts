// The contract of the cross-linked record: entities, suggestions, anchors, claims, actors, sources and grades,
// wiki-links, the timeline and the link graph. Spread into `schemas` and `Outputs` in ./index.
import { z } from 'zod';
import { calendarDate } from './dates';

export const ENTITY_KINDS = ['person', 'organisation', 'place'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ACTOR_ROLES = ['perpetrator', 'target', 'claimed-by', 'responded'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];
export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];
export const SOURCE_KINDS = ['outlet', 'person', 'organisation'] as const;
export const DATE_PRECISIONS = ['day', 'month', 'year', 'approximate', 'range'] as const;
export const COORD_PRECISIONS = ['exact', 'vicinity', 'locality', 'region'] as const;

const ref = z.string().trim().min(1).max(200);
const name = z.string().trim().min(1).max(500);
const note = z.string().trim().min(1).max(2_000);
const day = calendarDate;

export const anchorSchema = z.strictObject({
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(500).optional(),
  suffix: z.string().max(500).optional(),
});

const statementEdits = z.strictObject({
  speaker: name.optional(),
  role: note.nullable().optional(),
  organisation: note.nullable().optional(),
  date: day.nullable().optional(),
  venue: note.nullable().optional(),
  quote: z.string().trim().min(1).max(100_000).optional(),
  translation: z.string().trim().min(1).max(100_000).optional(),
  language: z.string().trim().min(2).max(20).optional(),
  /** An existing entity to use as the speaker, instead of creating or finding one by name. */
  speakerEntity: ref.optional(),
});
const entityEdits = z.strictObject({
  kind: z.enum(ENTITY_KINDS).optional(),
  name: name.optional(),
  aliases: z.array(name).max(100).optional(),
  /** Record the mention against this existing entity instead of creating a new one. */
  entity: ref.optional(),
});

export const recordSchemas = {
  getPassages: z.strictObject({ id: ref }),
  suggestStatements: z.strictObject({ id: ref }),
  suggestEntities: z.strictObject({ id: ref }),
  listSuggestions: z.strictObject({
    id: ref,
    kind: z.enum(['statement', 'entity']).optional(),
    status: z.enum(['pending', 'accepted', 'dismissed']).optional(),
  }),
  acceptSuggestion: z.strictObject({ id: ref, edits: z.union([statementEdits, entityEdits]).optional() }),
  acceptEntity: z.strictObject({ id: ref, edits: entityEdits.optional() }),
  dismissSuggestion: z.strictObject({ id: ref }),
  addEntity: z.strictObject({
    kind: z.enum(ENTITY_KINDS),
    name,
    aliases: z.array(name).max(100).optional(),
    description: note.optional(),
  }),
  addAliases: z.strictObject({ ref, aliases: z.array(name).min(1).max(100) }),
  listEntities: z.strictObject({
    kind: z.enum(ENTITY_KINDS).optional(),
    query: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(1_000).optional(),
  }),
  getEntity: z.strictObject({ ref }),
  addMention: z.strictObject({ entity: ref, item: ref }),
  entityMentions: z.strictObject({ ref }),
  addIncidentActor: z.strictObject({
    incidentId: ref,
    entity: ref,
    role: z.enum(ACTOR_ROLES),
    sourceId: ref.optional(),
    note: note.optional(),
  }),
  addClaim: z
    .strictObject({
      incidentId: ref,
      kind: z.string().trim().min(1).max(100),
      valueNumber: z.number().int().min(0).max(10_000_000).optional(),
      valueText: note.optional(),
      sourceId: ref.optional(),
      note: note.optional(),
    })
    .refine((claim) => claim.valueNumber !== undefined || claim.valueText !== undefined, 'a claim needs valueNumber or valueText'),
  addSource: z.strictObject({
    kind: z.enum(SOURCE_KINDS),
    name,
    domain: z.string().trim().min(1).max(300).optional(),
    reliability: z.enum(RELIABILITY_GRADES).optional(),
    rationale: note.optional(),
  }),
  listSources: z.strictObject({ kind: z.enum(SOURCE_KINDS).optional() }),
  gradeSource: z.strictObject({ sourceRef: ref, reliability: z.enum(RELIABILITY_GRADES), rationale: note.optional() }),
  gradeItem: z.strictObject({ id: ref, credibility: z.number().int().min(1).max(6), rationale: note.optional() }),
  wikiLinks: z.strictObject({ id: ref.optional() }),
  resolveWikiLinks: z.strictObject({}),
  timeline: z.strictObject({ from: day.optional(), to: day.optional(), query: z.string().max(2_000).optional() }),
  graph: z.strictObject({ id: ref, depth: z.number().int().min(1).max(3).optional() }),
} as const;

export type StatementEdits = z.infer<typeof statementEdits>;
export type EntityEdits = z.infer<typeof entityEdits>;
export type TextQuoteAnchor = z.infer<typeof anchorSchema>;

export interface StatementProposal {
  speaker: string;
  role: string | null;
  organisation: string | null;
  /** A nationality or body named before the title ("Russian"): shown, not stored as the organisation. */
  affiliation: string | null;
  quote: string;
  date: string | null;
  venue: string | null;
  anchor: { exact: string; prefix: string; suffix: string };
  start: number;
  end: number;
  pattern: string;
  /** An entity already in the archive with this name or alias. */
  speakerEntityId: string | null;
}
export interface EntityProposal {
  kind: EntityKind;
  name: string;
  count: number;
  /** Set when the name is one the archive already knows (an entity's name or alias). */
  entityId: string | null;
  from: 'text' | 'archive';
}
export interface SuggestionView {
  id: string;
  itemId: string;
  kind: 'statement' | 'entity';
  status: 'pending' | 'accepted' | 'dismissed';
  resultId: string | null;
  createdAt: string;
  decidedAt: string | null;
  statement?: StatementProposal;
  entity?: EntityProposal;
}
export interface SuggestionList {
  suggestions: SuggestionView[];
}
export interface AcceptedSuggestion {
  suggestionId: string;
  kind: 'statement' | 'entity';
  /** The statement's item id, or the entity's id. */
  id: string;
}

export interface PassageView {
  statementId: string;
  articleId: string;
  speaker: string;
  quote: string;
  /** Offsets into the article's text; null when the passage could not be found again. */
  start: number | null;
  end: number | null;
  method: 'exact' | 'normalised' | 'fuzzy' | null;
  distance: number;
  /** The article's text around the passage, for showing it in place. */
  before: string;
  text: string;
  after: string;
}
export interface PassageList {
  id: string;
  type: 'article' | 'statement';
  passages: PassageView[];
}

export interface EntitySummary {
  id: string;
  kind: EntityKind;
  name: string;
  aliases: string[];
  mentions: number;
}
export interface EntityItemRef {
  id: string;
  type: string;
  title: string;
  date: string | null;
  deletedAt: string | null;
}
export interface EntityPage extends EntitySummary {
  description: string | null;
  createdAt: string;
  mentionedIn: EntityItemRef[];
  statements: (EntityItemRef & { quote: string; role: string | null })[];
  incidents: (EntityItemRef & { role: ActorRole; note: string | null })[];
  /** The source record of the same name (a person or organisation graded as a source), if any. */
  source: SourceView | null;
}

export interface SourceView {
  id: string;
  kind: 'outlet' | 'person' | 'organisation';
  name: string;
  domain: string | null;
  reliability: Reliability | null;
  rationale: string | null;
  items: number;
}

export interface WikiLinkView {
  noteId: string;
  noteTitle: string;
  target: string;
  itemId: string | null;
  /** The linked item's current title: a rename shows here, the note's text is left as written. */
  title: string | null;
  type: string | null;
  status: 'resolved' | 'unresolved' | 'trashed';
}

export interface TimelineEntry {
  id: string;
  type: 'incident' | 'statement';
  title: string;
  date: string;
  dateEnd: string | null;
  precision: string;
  place: string | null;
  speaker: string | null;
}
export interface Timeline {
  from: string | null;
  to: string | null;
  entries: TimelineEntry[];
  /** Items of the span without a date, so the investigator knows they are not on the line. */
  undated: number;
}

export interface GraphNode {
  id: string;
  kind: 'item' | 'entity';
  /** An item type, or an entity kind. */
  type: string;
  title: string;
  depth: number;
  deleted: boolean;
}
export interface GraphEdge {
  from: string;
  to: string;
  rel: string;
}
export interface Graph {
  root: string;
  depth: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface RecordOutputs {
  getPassages: PassageList;
  suggestStatements: SuggestionList;
  suggestEntities: SuggestionList;
  listSuggestions: SuggestionList;
  acceptSuggestion: AcceptedSuggestion;
  acceptEntity: AcceptedSuggestion;
  dismissSuggestion: { id: string; status: 'dismissed' };
  addEntity: { id: string };
  addAliases: { id: string; aliases: string[] };
  listEntities: { entities: EntitySummary[] };
  getEntity: EntityPage;
  addMention: { entityId: string; itemId: string };
  entityMentions: { entityId: string; items: EntityItemRef[] };
  addIncidentActor: { id: string };
  addClaim: { id: string };
  addSource: { id: string };
  listSources: { sources: SourceView[] };
  gradeSource: SourceView;
  gradeItem: { id: string; credibility: number; rationale: string | null };
  wikiLinks: { links: WikiLinkView[] };
  resolveWikiLinks: { resolved: number; unresolved: number };
  timeline: Timeline;
  graph: Graph;
}
