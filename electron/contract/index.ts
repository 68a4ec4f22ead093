// The one contract every door speaks: operation names, their input schemas (validated at runtime) and their
// output types. Pure data and zod, no Node, so the renderer and the preload can import it too.
import { z } from 'zod';
import { calendarDate } from './dates';

import { ITEM_TYPES, LINK_RELATIONS, OPERATION_NAMES, type ItemType, type LinkRelation, type OperationName } from './vocabulary';

import { ACTOR_ROLES, COORD_PRECISIONS, DATE_PRECISIONS, anchorSchema, recordSchemas, type RecordOutputs, type SourceView, type WikiLinkView } from './records';

export { ITEM_TYPES, LINK_RELATIONS, OPERATION_NAMES, type ItemType, type LinkRelation, type OperationName };
export * from './records';

/** Snippets mark matches with these two private-use characters; the renderer turns them into <mark> elements. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

const text = z.string().trim().min(1).max(100_000);
const shortText = z.string().trim().min(1).max(2_000);
const optionalText = shortText.optional();
const itemRef = z.string().trim().min(1).max(200);
const isoDate = calendarDate;
const count = z.number().int().min(0).max(10_000_000);

export const schemas = {
  search: z.strictObject({
    query: z.string().max(2_000),
    type: z.enum(ITEM_TYPES).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
    /** Best match first (default), or newest first (undated items last). */
    sort: z.enum(['relevance', 'date']).optional(),
    /** Also look for other spellings in titles and names ("did you mean"); always done when nothing is found. */
    suggest: z.boolean().optional(),
  }),
  listItems: z.strictObject({
    type: z.enum(ITEM_TYPES).optional(),
    caseRef: itemRef.optional(),
    limit: z.number().int().min(1).max(1_000).optional(),
    offset: z.number().int().min(0).optional(),
  }),
  getItem: z.strictObject({ id: itemRef }),
  addNote: z.strictObject({ title: shortText, body: z.string().max(5_000_000).optional() }),
  addStatement: z.strictObject({
    speaker: shortText,
    role: optionalText,
    organisation: optionalText,
    date: isoDate.optional(),
    venue: optionalText,
    language: z.string().trim().min(2).max(20).optional(),
    quote: text,
    translation: text.optional(),
    source: itemRef.optional(),
    time: z.string().regex(/^\d{2}:\d{2}(?::\d{2})?$/, 'expected a time as HH:MM').optional(),
    speakerEntity: itemRef.optional(),
    anchor: anchorSchema.optional(),
  }),
  addIncident: z.strictObject({
    title: shortText,
    date: isoDate.optional(),
    place: optionalText,
    description: z.string().max(1_000_000).optional(),
    killed: count.optional(),
    injured: count.optional(),
    source: itemRef.optional(),
    dateEnd: isoDate.optional(),
    datePrecision: z.enum(DATE_PRECISIONS).optional(),
    adminArea: optionalText,
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    coordPrecision: z.enum(COORD_PRECISIONS).optional(),
    actors: z.array(z.strictObject({ entity: itemRef, role: z.enum(ACTOR_ROLES) })).max(100).optional(),
  }),
  deleteItem: z.strictObject({ id: itemRef }),
  restoreItem: z.strictObject({ id: itemRef }),
  addLink: z.strictObject({
    from: itemRef,
    to: itemRef,
    rel: z.enum(LINK_RELATIONS),
    note: optionalText,
    /** The passage of the `from` item's text the link is about; kept as an anchor that survives re-rendering. */
    passage: z.string().trim().min(1).max(10_000).optional(),
  }),
  removeLink: z.strictObject({ id: itemRef }),
  createCase: z.strictObject({ name: shortText, description: optionalText }),
  addToCase: z.strictObject({ caseRef: itemRef, ids: z.array(itemRef).min(1).max(10_000) }),
  listCases: z.strictObject({}),
  importFiles: z.strictObject({
    files: z
      .array(z.strictObject({ name: z.string().min(1).max(1_000), dataBase64: z.string().max(200_000_000) }))
      .min(1)
      .max(1_000),
  }),
  importPaths: z.strictObject({ paths: z.array(z.string().min(1).max(4_096)).min(1).max(10_000) }),
  archiveInfo: z.strictObject({}),
  getAttachment: z.strictObject({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected a SHA-256 in hex') }),
  checkArchive: z.strictObject({ quick: z.boolean().optional() }),
  backupArchive: z.strictObject({ outPath: z.string().trim().min(1).max(4_096), force: z.boolean().optional() }),
  updateItem: z.strictObject({
    id: itemRef,
    title: shortText.optional(),
    body: z.string().max(5_000_000).optional(),
    speaker: shortText.optional(),
    role: optionalText.nullable(),
    organisation: optionalText.nullable(),
    date: isoDate.nullable().optional(),
    venue: optionalText.nullable(),
    language: z.string().trim().min(2).max(20).nullable().optional(),
    quote: text.optional(),
    translation: text.nullable().optional(),
    place: optionalText.nullable(),
    description: z.string().max(1_000_000).nullable().optional(),
    outlet: optionalText.nullable(),
    byline: optionalText.nullable(),
    published: isoDate.nullable().optional(),
    url: z.string().trim().min(1).max(4_096).nullable().optional(),
    adminArea: optionalText.nullable(),
    dateEnd: isoDate.nullable().optional(),
    datePrecision: z.enum(DATE_PRECISIONS).nullable().optional(),
    coordPrecision: z.enum(COORD_PRECISIONS).nullable().optional(),
    latitude: z.number().min(-90).max(90).nullable().optional(),
    longitude: z.number().min(-180).max(180).nullable().optional(),
    time: z.string().regex(/^\d{2}:\d{2}(?::\d{2})?$/, 'expected a time as HH:MM').nullable().optional(),
  }),
  itemHistory: z.strictObject({ id: itemRef }),
  restoreVersion: z.strictObject({ id: itemRef, version: z.number().int().min(1) }),
  listTrash: z.strictObject({ limit: z.number().int().min(1).max(1_000).optional(), offset: z.number().int().min(0).optional() }),
  purgeItem: z.strictObject({ id: itemRef }),
  exportCase: z.strictObject({ caseRef: itemRef, outPath: z.string().trim().min(1).max(4_096), overwrite: z.boolean().optional() }),
  verifyCase: z.strictObject({ path: z.string().trim().min(1).max(4_096) }),
  importCase: z.strictObject({ path: z.string().trim().min(1).max(4_096), force: z.boolean().optional() }),
  listConflicts: z.strictObject({ includeResolved: z.boolean().optional(), itemId: itemRef.optional() }),
  resolveConflict: z.strictObject({ id: itemRef, keep: z.enum(['ours', 'theirs']) }),
  ...recordSchemas,
  searchFacets: z.strictObject({ query: z.string().max(2_000), type: z.enum(ITEM_TYPES).optional() }),
  quickFind: z.strictObject({ query: z.string().max(500), limit: z.number().int().min(1).max(100).optional() }),
  saveSearch: z.strictObject({ name: shortText, query: z.string().trim().min(1).max(2_000), watch: z.boolean().optional() }),
  listSavedSearches: z.strictObject({ watch: z.boolean().optional() }),
  deleteSavedSearch: z.strictObject({ id: itemRef }),
} as const satisfies Record<OperationName, z.ZodType>;
export type InputOf<Name extends OperationName> = z.infer<(typeof schemas)[Name]>;

export type SearchInput = InputOf<'search'>;
export type SearchFacetsInput = InputOf<'searchFacets'>;
export type SaveSearchInput = InputOf<'saveSearch'>;
export type ListItemsInput = InputOf<'listItems'>;
export type NewNote = InputOf<'addNote'>;
export type NewStatement = InputOf<'addStatement'>;
export type NewIncident = InputOf<'addIncident'>;
export type NewLink = InputOf<'addLink'>;
export type NewCase = InputOf<'createCase'>;
export type ItemEdit = InputOf<'updateItem'>;

export interface SearchHit {
  id: string;
  type: ItemType;
  title: string;
  /** Matched text with HIGHLIGHT_START / HIGHLIGHT_END around each match. */
  snippet: string;
  date: string | null;
  /** Names that matched a query word through transliteration (Popov found as Попов). */
  variants?: NameVariant[];
}
export interface NameVariant {
  /** The word as typed. */
  query: string;
  /** The name as written in the item. */
  matched: string;
  field: 'speaker' | 'place' | 'names';
}
/** "Did you mean": another spelling found in titles and names, the query rewritten with it, and items it finds. */
export interface SearchSuggestion {
  term: string;
  query: string;
  items: { id: string; type: ItemType; title: string }[];
}
export interface SearchResult {
  total: number;
  hits: SearchHit[];
  sort?: 'relevance' | 'date';
  /** Set when the words found nothing as words and the hits are items containing them as substrings. */
  fallback?: 'substring';
  suggestions?: SearchSuggestion[];
}
export interface FacetCount {
  value: string;
  count: number;
}
/** Counts per value for the items a query finds; type, year and outlet each sum to `total`. */
export interface SearchFacets {
  total: number;
  type: FacetCount[];
  year: FacetCount[];
  outlet: FacetCount[];
  tag: FacetCount[];
  case: FacetCount[];
}
export interface QuickFindResult {
  hits: { id: string; type: ItemType; title: string; score: number; matched: string[] }[];
}
export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  /** A watch term is checked against every new import. */
  watch: boolean;
  createdAt: string;
}
/** A watch term and the newly imported items it found. */
export interface WatchHit {
  savedSearchId: string;
  name: string;
  query: string;
  items: { id: string; title: string }[];
}

export interface ItemSummary {
  id: string;
  type: ItemType;
  title: string;
  date: string | null;
  updatedAt: string;
}
export interface ItemList {
  total: number;
  items: ItemSummary[];
}

export interface LinkView {
  linkId: string;
  id: string;
  rel: LinkRelation;
  direction: 'out' | 'in';
  type: ItemType;
  title: string;
  note: string | null;
  /** The passage of the linking item's text the link is anchored to, if any. */
  passage?: string | null;
  /** Set when the item at the other end is in the trash: the link is kept and shown as to a trashed item. */
  deletedAt?: string | null;
}

export interface ClaimView {
  id: string;
  kind: string;
  valueNumber: number | null;
  valueText: string | null;
  sourceItemId: string | null;
  sourceTitle: string | null;
  note: string | null;
  /** The grade of the source behind the claim's item (its outlet or speaker), A-F, and the item's own credibility 1-6. */
  sourceReliability?: string | null;
  sourceName?: string | null;
  sourceCredibility?: number | null;
}

export interface ClaimRange {
  kind: string;
  min: number | null;
  max: number | null;
  /** How many distinct sources gave a figure of this kind. */
  sources: number;
  claims: number;
}

export interface ActorView {
  id: string;
  entityId: string;
  kind: string;
  name: string;
  role: string;
  sourceItemId: string | null;
  note: string | null;
}

export interface AttachmentView {
  sha256: string;
  size: number;
  mediaType: string;
  role: 'original' | 'image' | 'file';
  name: string;
}

export interface ItemDetail {
  id: string;
  type: ItemType;
  title: string;
  language: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  article?: {
    url: string | null;
    outlet: string | null;
    byline: string | null;
    publishedAt: string | null;
    capturedAt: string | null;
    language: string | null;
    bodyText: string;
  };
  statement?: {
    speaker: string;
    role: string | null;
    organisation: string | null;
    date: string | null;
    venue: string | null;
    language: string | null;
    quote: string;
    translation: string | null;
    time?: string | null;
    anchor?: { exact: string; prefix: string | null; suffix: string | null } | null;
    speakerEntity?: { id: string; name: string } | null;
  };
  incident?: {
    date: string | null;
    dateEnd: string | null;
    datePrecision: string | null;
    place: string | null;
    adminArea: string | null;
    latitude: number | null;
    longitude: number | null;
    description: string | null;
    claims: ClaimView[];
    coordPrecision?: string | null;
    actors?: ActorView[];
    claimRanges?: ClaimRange[];
  };
  note?: { body: string; wikiLinks?: WikiLinkView[] };
  /** The investigator's credibility grade of this item (1-6) and why. */
  grade?: { credibility: number; rationale: string | null; gradedAt: string } | null;
  /** The outlet or person this item comes from, with its reliability grade. */
  source?: SourceView | null;
  /** Entities the investigator confirmed this item mentions. */
  entities?: { id: string; kind: string; name: string }[];
  tags: string[];
  cases: { id: string; name: string }[];
  attachments: AttachmentView[];
  links: LinkView[];
}

export interface Created {
  id: string;
}

export interface CaseView {
  id: string;
  name: string;
  description: string | null;
  itemCount: number;
  createdAt: string;
}

export interface ImportedEntry {
  path: string;
  id: string;
  type: ItemType;
  title: string;
  /** Set when the text is nearly that of an item already in the archive (saved twice with other markup). */
  possibleDuplicateOf?: { id: string; similarity: number };
}
export interface ImportReport {
  /** The import run this report belongs to; the archive keeps every run's report. */
  runId: string;
  imported: ImportedEntry[];
  duplicates: { path: string; id: string }[];
  failed: { path: string; error: string }[];
  /** True when the run was cancelled before every file was read; what finished stays imported. */
  cancelled: boolean;
  /** The watch terms that found some of the newly imported items. */
  watchHits: WatchHit[];
}

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  appVersion: string;
  counts: Record<ItemType, number>;
}

export type CheckName = 'integrity' | 'searchIndex' | 'foreignKeys' | 'originals' | 'auditChain' | 'searchDocs';
export interface CheckResult {
  name: CheckName;
  ok: boolean;
  /** How many rows, pages or entries the check looked at. */
  checked: number;
  /** What is wrong, one sentence each (at most a few dozen); empty when the check holds. */
  problems: string[];
}
export interface CheckReport {
  ok: boolean;
  path: string;
  /** A quick check (at start-up) skips the originals' hashes and verifies only the audit chain's tail. */
  quick: boolean;
  checkedAt: string;
  checks: CheckResult[];
}

export interface BackupReport {
  path: string;
  bytes: number;
  sha256: string;
  items: number;
  integrity: 'ok';
}

export interface EditResult {
  id: string;
  /** The version number the item now has (1 for an item never edited). */
  version: number;
  /** The fields that changed; empty when the edit changed nothing (and nothing was recorded). */
  changed: string[];
}

export interface ItemVersion {
  version: number;
  /** When this version was replaced by the next one. */
  replacedAt: string;
  title: string;
  /** The item's editable fields as they were. */
  fields: Record<string, string | number | null>;
}
export interface ItemHistory {
  id: string;
  currentVersion: number;
  versions: ItemVersion[];
  audit: { seq: number; at: string; action: string; detail: string }[];
}

export interface TrashList {
  total: number;
  items: { id: string; type: ItemType; title: string; deletedAt: string }[];
}

export interface PurgeResult {
  id: string;
  /** Originals and images no other item used, removed with the item. */
  blobsRemoved: number;
}

/** A table row as a case file carries it: SQLite column names, bytes as {"$base64": "..."}. */
export type CaseRow = Record<string, unknown>;
export interface CaseAttachmentEntry extends CaseRow {
  sha256: string;
  role: string;
  name: string;
  size: number;
  media_type: string;
  /** Where the bytes are in the case file: originals/<sha256> or attachments/<sha256>. */
  path: string;
}
/** An item as a case file carries it (items/<id>.json); see db/export/format.md. */
export interface CaseItemDocument {
  id: string;
  type: string;
  contentHash: string;
  /** The content hash of the version this one was derived from when last exchanged, or null. */
  base: string | null;
  item: CaseRow;
  record: CaseRow | null;
  claims: CaseRow[];
  tags: string[];
  attachments: CaseAttachmentEntry[];
  /** Rows of other tables that belong to the item (grades, actors, speakers...), by table name. */
  related?: Record<string, CaseRow[]>;
}
export interface CaseExportResult {
  path: string;
  caseId: string;
  caseName: string;
  items: number;
  files: number;
  bytes: number;
  /** SHA-256 of manifest.json: the case file's fingerprint, to tell the recipient by another channel. */
  manifestSha256: string;
}
export type CaseFileStatus = 'ok' | 'altered' | 'missing' | 'unexpected';
export interface CaseFileCheck {
  path: string;
  status: CaseFileStatus;
  expectedSha256: string | null;
  actualSha256: string | null;
  expectedSize: number | null;
  actualSize: number | null;
}
export interface CaseVerification {
  path: string;
  /** True only when every file matches the manifest and SHA256SUMS agrees with both. */
  ok: boolean;
  formatVersion: number;
  appVersion: string;
  createdAt: string;
  caseId: string;
  caseName: string;
  itemCount: number;
  manifestSha256: string;
  counts: Record<CaseFileStatus, number>;
  files: CaseFileCheck[];
  problems: string[];
}
export interface CaseItemRef {
  id: string;
  type: string;
  title: string;
}
export interface CaseImportReport {
  importId: string;
  caseId: string;
  caseName: string;
  manifestSha256: string;
  /** False when the file failed verification and was imported with force. */
  verified: boolean;
  verification: { ok: boolean; counts: Record<CaseFileStatus, number>; altered: string[]; missing: string[]; unexpected: string[]; problems: string[] };
  added: CaseItemRef[];
  updated: CaseItemRef[];
  skipped: (CaseItemRef & { reason: 'identical' | 'ours-newer' })[];
  conflicts: (CaseItemRef & { conflictId: string; reason: 'both-changed' | 'altered' })[];
  /** Items whose files were altered or missing in the case file (only with force); tagged altered-in-transit. */
  flagged: (CaseItemRef & { files: string[] })[];
  /** Items the sender deleted: moved to the trash here when unchanged since the last exchange, else kept. */
  deletions: { trashed: CaseItemRef[]; kept: CaseItemRef[] };
  links: { added: number; skipped: number; differing: string[] };
  originals: { added: number; alreadyPresent: number };
  history: { imported: number; alreadyPresent: number; rejected: number };
  warnings: string[];
}
export interface ConflictView {
  id: string;
  itemId: string;
  title: string;
  reason: 'both-changed' | 'altered';
  detectedAt: string;
  /** The name of the case file it came from. */
  caseFile: string;
  /** This archive's version as it is now (null if the item is gone). */
  ours: CaseItemDocument | null;
  /** The case file's version as it arrived. */
  theirs: CaseItemDocument;
  /** Where the two differ: "item.title", "record.body_text", "claims", "tags", "attachments". */
  differences: string[];
  alteredFiles: string[] | null;
  resolvedAt: string | null;
  resolution: 'ours' | 'theirs' | null;
}
export interface ResolvedConflict {
  id: string;
  itemId: string;
  kept: 'ours' | 'theirs';
  warnings: string[];
}

export interface Outputs extends RecordOutputs {
  search: SearchResult;
  listItems: ItemList;
  getItem: ItemDetail;
  addNote: Created;
  addStatement: Created;
  addIncident: Created;
  deleteItem: { id: string; deletedAt: string };
  restoreItem: { id: string };
  addLink: Created;
  removeLink: { id: string };
  createCase: Created;
  addToCase: { caseId: string; added: number };
  listCases: { cases: CaseView[] };
  importFiles: ImportReport;
  importPaths: ImportReport;
  archiveInfo: ArchiveInfo;
  getAttachment: { sha256: string; mediaType: string; size: number; name: string; dataBase64: string };
  checkArchive: CheckReport;
  backupArchive: BackupReport;
  updateItem: EditResult;
  itemHistory: ItemHistory;
  restoreVersion: EditResult;
  listTrash: TrashList;
  purgeItem: PurgeResult;
  exportCase: CaseExportResult;
  verifyCase: CaseVerification;
  importCase: CaseImportReport;
  listConflicts: { conflicts: ConflictView[] };
  resolveConflict: ResolvedConflict;
  searchFacets: SearchFacets;
  quickFind: QuickFindResult;
  saveSearch: Created;
  listSavedSearches: { searches: SavedSearch[] };
  deleteSavedSearch: { id: string };
}
export type OutputOf<Name extends OperationName> = Outputs[Name];

export interface ErrorValue {
  code: string;
  message: string;
}
/** How every result crosses a boundary: as data, never as a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

/** What the renderer calls: one named async function per operation, whatever the door. */
export type DossierApi = { [Name in OperationName]: (input: InputOf<Name>) => Promise<Result<OutputOf<Name>>> };
