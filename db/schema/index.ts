// The archive's tables. One row in `items` per thing an investigator keeps; each item type adds its own
// table keyed by the item id. IDs are UUIDv7 strings so archives from two investigators merge without clashes.
// Times are ISO-8601 UTC strings; calendar dates are YYYY-MM-DD strings with a separate precision.
import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

import { ITEM_TYPES, LINK_RELATIONS } from '../../electron/contract/vocabulary';

export { ITEM_TYPES, LINK_RELATIONS };
export * from './records';

export const items = sqliteTable(
  'items',
  {
    id: text('id').primaryKey(),
    type: text('type', { enum: ITEM_TYPES }).notNull(),
    title: text('title').notNull(),
    language: text('language'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    check('items_type_check', sql`${t.type} IN ('article', 'statement', 'incident', 'note')`),
    // Lists page through live items newest first, by type or not; these cover the filter, the order and its
    // tie-breaker, so a page far down a 100k list skips through the index alone.
    index('items_type_live_updated_idx').on(t.type, t.deletedAt, t.updatedAt, t.id),
    index('items_live_updated_idx').on(t.deletedAt, t.updatedAt, t.id),
  ],
);

/** Outlets, agencies, people and organisations that information comes from, with an Admiralty-style grade. */
export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['outlet', 'person', 'organisation'] }).notNull(),
    name: text('name').notNull(),
    domain: text('domain'),
    reliability: text('reliability', { enum: ['A', 'B', 'C', 'D', 'E', 'F'] }),
    rationale: text('rationale'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('sources_kind_name_idx').on(t.kind, t.name)],
);

export const articles = sqliteTable(
  'articles',
  {
    itemId: text('item_id').primaryKey().references(() => items.id, { onDelete: 'cascade' }),
    url: text('url'),
    outlet: text('outlet'),
    sourceId: text('source_id').references(() => sources.id),
    byline: text('byline'),
    publishedAt: text('published_at'),
    capturedAt: text('captured_at'),
    language: text('language'),
    bodyText: text('body_text').notNull(),
    /** Sanitised readable HTML (no scripts, no remote URLs); null when the original was plain text. */
    readableHtml: text('readable_html'),
    credibility: integer('credibility'),
  },
  (t) => [index('articles_url_idx').on(t.url), index('articles_published_idx').on(t.publishedAt)],
);

export const statements = sqliteTable(
  'statements',
  {
    itemId: text('item_id').primaryKey().references(() => items.id, { onDelete: 'cascade' }),
    speaker: text('speaker').notNull(),
    role: text('role'),
    organisation: text('organisation'),
    statedOn: text('stated_on'),
    statedAtTime: text('stated_at_time'),
    venue: text('venue'),
    language: text('language'),
    quote: text('quote').notNull(),
    translation: text('translation'),
    /** W3C text-quote selector into the source article: the exact passage plus a little context. */
    anchorExact: text('anchor_exact'),
    anchorPrefix: text('anchor_prefix'),
    anchorSuffix: text('anchor_suffix'),
  },
  (t) => [index('statements_speaker_idx').on(t.speaker), index('statements_date_idx').on(t.statedOn)],
);

export const DATE_PRECISIONS = ['day', 'month', 'year', 'approximate', 'range'] as const;
export const COORD_PRECISIONS = ['exact', 'vicinity', 'locality', 'region'] as const;

export const incidents = sqliteTable(
  'incidents',
  {
    itemId: text('item_id').primaryKey().references(() => items.id, { onDelete: 'cascade' }),
    dateStart: text('date_start'),
    dateEnd: text('date_end'),
    datePrecision: text('date_precision', { enum: DATE_PRECISIONS }),
    place: text('place'),
    adminArea: text('admin_area'),
    latitude: real('latitude'),
    longitude: real('longitude'),
    coordPrecision: text('coord_precision', { enum: COORD_PRECISIONS }),
    description: text('description'),
  },
  (t) => [index('incidents_date_idx').on(t.dateStart)],
);

/** A figure or assertion about an incident as one source states it; sources may disagree, none overwrites another. */
export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    valueNumber: integer('value_number'),
    valueText: text('value_text'),
    sourceItemId: text('source_item_id').references(() => items.id),
    note: text('note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('claims_incident_idx').on(t.incidentId, t.kind)],
);

export const notes = sqliteTable('notes', {
  itemId: text('item_id').primaryKey().references(() => items.id, { onDelete: 'cascade' }),
  bodyMarkdown: text('body_markdown').notNull(),
});

export const links = sqliteTable(
  'links',
  {
    id: text('id').primaryKey(),
    fromId: text('from_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    toId: text('to_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    rel: text('rel', { enum: LINK_RELATIONS }).notNull(),
    note: text('note'),
    createdAt: text('created_at').notNull(),
    /** Where in the linking item's text the link is made: a text-quote selector (db/ops/anchors.ts), or none. */
    anchorExact: text('anchor_exact'),
    anchorPrefix: text('anchor_prefix'),
    anchorSuffix: text('anchor_suffix'),
  },
  (t) => [
    uniqueIndex('links_unique_idx').on(t.fromId, t.toId, t.rel),
    index('links_to_idx').on(t.toId),
    check('links_not_self', sql`${t.fromId} <> ${t.toId}`),
  ],
);

export const cases = sqliteTable('cases', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  description: text('description'),
  createdAt: text('created_at').notNull(),
  deletedAt: text('deleted_at'),
});

export const caseItems = sqliteTable(
  'case_items',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    addedAt: text('added_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.itemId] }), index('case_items_item_idx').on(t.itemId)],
);

export const tags = sqliteTable('tags', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
});

export const itemTags = sqliteTable(
  'item_tags',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.tagId] }), index('item_tags_tag_idx').on(t.tagId)],
);

/** Content-addressed bytes: the original of every import and the images it carried. Never rewritten. */
export const blobs = sqliteTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  data: blob('data', { mode: 'buffer' }).notNull(),
  createdAt: text('created_at').notNull(),
});

export const attachments = sqliteTable(
  'attachments',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    role: text('role', { enum: ['original', 'image', 'file'] }).notNull(),
    name: text('name').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.sha256, t.role] }), index('attachments_sha_idx').on(t.sha256)],
);

/** Append-only, hash-chained history of every change; triggers in a custom migration forbid UPDATE and DELETE. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    action: text('action').notNull(),
    itemId: text('item_id'),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_item_idx').on(t.itemId)],
);

/**
 * The text that full-text search sees, already normalised, one row per live item. The FTS5 index is an
 * external-content table over this one, kept in step by triggers (see the custom migration).
 */
export const searchDocs = sqliteTable('search_docs', {
  docId: integer('doc_id').primaryKey({ autoIncrement: true }),
  itemId: text('item_id')
    .notNull()
    .unique()
    .references(() => items.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  quote: text('quote').notNull(),
  names: text('names').notNull(),
  body: text('body').notNull(),
  speaker: text('speaker').notNull().default(''),
  place: text('place').notNull().default(''),
  outlet: text('outlet').notNull().default(''),
  /** Joined forms of hyphenated and apostrophed words (al-Suknah -> alsuknah), so either spelling is found. */
  joined: text('joined').notNull().default(''),
  /** Transliteration keys of the names in speaker, place and names (see db/search/translit.ts). */
  speakerKeys: text('speaker_keys').notNull().default(''),
  placeKeys: text('place_keys').notNull().default(''),
  nameKeys: text('name_keys').notNull().default(''),
  type: text('type').notNull().default(''),
  /** The item's date (published, stated, happened) as YYYY-MM-DD, for from:/to:, sorting and year facets. */
  day: text('day'),
  lang: text('lang'),
  // Type and day of every row, without reading rows whose text runs over several pages: for type: and date
  // filters, and for the facet counts (db/search/facets.ts).
}, (t) => [index('search_docs_type_day_idx').on(t.type, t.day)]);

/** Search bookkeeping: the normalisation version the index was built with. */
export const searchMeta = sqliteTable('search_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** Derived search structures kept between runs (the MiniSearch index of small fields), with the key they were built for. */
export const searchCache = sqliteTable('search_cache', {
  name: text('name').primaryKey(),
  key: text('key').notNull(),
  data: text('data').notNull(),
});

/** Saved queries; a watch term is also checked against every new import. */
export const savedSearches = sqliteTable('saved_searches', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  query: text('query').notNull(),
  watch: integer('watch', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

/** MinHash signature of an article's text, for finding the same article saved twice with different markup. */
export const textFingerprints = sqliteTable('text_fingerprints', {
  itemId: text('item_id')
    .primaryKey()
    .references(() => items.id, { onDelete: 'cascade' }),
  minhash: blob('minhash', { mode: 'buffer' }).notNull(),
});

/** Locality-sensitive hashing bands of each signature: items sharing a band are near-duplicate candidates. */
export const fingerprintBands = sqliteTable(
  'fingerprint_bands',
  {
    band: integer('band').notNull(),
    key: integer('key').notNull(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [index('fingerprint_bands_key_idx').on(t.band, t.key), index('fingerprint_bands_item_idx').on(t.itemId)],
);

/** One run of an import (a command, a drop on the window): what it was asked to do and how far it got. */
export const importRuns = sqliteTable('import_runs', {
  id: text('id').primaryKey(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** 'interrupted': its process died mid-run (a crash, a kill); what it committed stays, a re-run does the rest. */
  status: text('status', { enum: ['running', 'finished', 'cancelled', 'interrupted'] }).notNull(),
  fileCount: integer('file_count').notNull(),
  /** "host:pid" of the process running it, so a later import can tell a dead run from one still going. */
  owner: text('owner'),
});

/** The per-file outcome of an import run, kept so the report can be shown again later. */
export const importResults = sqliteTable(
  'import_results',
  {
    runId: text('run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    path: text('path').notNull(),
    status: text('status', { enum: ['imported', 'duplicate', 'failed'] }).notNull(),
    itemId: text('item_id'),
    possibleDuplicateOf: text('possible_duplicate_of'),
    similarity: real('similarity'),
    error: text('error'),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** An item as it was before each edit: the snapshot JSON of its rows, numbered from 1 per item. */
export const itemVersions = sqliteTable(
  'item_versions',
  {
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    snapshot: text('snapshot').notNull(),
    at: text('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);

/** One import of a case file (a zip from another archive): which file, what it held, what the merge did. */
export const caseImports = sqliteTable('case_imports', {
  id: text('id').primaryKey(),
  importedAt: text('imported_at').notNull(),
  fileName: text('file_name').notNull(),
  /** SHA-256 of the case file's manifest.json: the fingerprint of the case file as a whole. */
  manifestSha256: text('manifest_sha256').notNull(),
  caseId: text('case_id').notNull(),
  caseName: text('case_name').notNull(),
  /** 1 when the case file failed verification and was imported anyway (--force). */
  forced: integer('forced').notNull(),
  report: text('report').notNull(),
});

/** What one case import did to each item it carried; keeps the replaced version of items it updated. */
export const caseImportItems = sqliteTable(
  'case_import_items',
  {
    importId: text('import_id')
      .notNull()
      .references(() => caseImports.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    outcome: text('outcome', { enum: ['added', 'updated', 'skipped', 'conflict', 'flagged', 'deleted'] }).notNull(),
    oursHash: text('ours_hash'),
    theirsHash: text('theirs_hash').notNull(),
    /** The item document as it was in this archive before an update replaced it. */
    previousDocument: text('previous_document'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.itemId] })],
);

/**
 * The content hash of the version an item was last exchanged at. A case file carries it as the item's base, so an
 * import can tell "changed on their side only" (fast-forward) from "changed on both sides" (conflict).
 */
export const itemSyncBases = sqliteTable('item_sync_bases', {
  itemId: text('item_id')
    .primaryKey()
    .references(() => items.id, { onDelete: 'cascade' }),
  contentHash: text('content_hash').notNull(),
  recordedAt: text('recorded_at').notNull(),
});

/** Items a case import could not merge on its own: both versions are kept until the investigator chooses. */
export const mergeConflicts = sqliteTable(
  'merge_conflicts',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    importId: text('import_id')
      .notNull()
      .references(() => caseImports.id),
    reason: text('reason', { enum: ['both-changed', 'altered'] }).notNull(),
    detectedAt: text('detected_at').notNull(),
    oursHash: text('ours_hash'),
    theirsHash: text('theirs_hash').notNull(),
    /** The incoming item document (format of the case file's items/<id>.json). */
    theirsDocument: text('theirs_document').notNull(),
    /** For reason 'altered': the case-file paths whose bytes did not match the manifest (JSON array). */
    alteredFiles: text('altered_files'),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution', { enum: ['ours', 'theirs'] }),
  },
  (t) => [index('merge_conflicts_item_idx').on(t.itemId), index('merge_conflicts_open_idx').on(t.resolvedAt)],
);

/** Audit entries that arrived with case files: another archive's history of the items, kept apart from ours. */
export const importedHistory = sqliteTable(
  'imported_history',
  {
    hash: text('hash').primaryKey(),
    importId: text('import_id')
      .notNull()
      .references(() => caseImports.id),
    originSeq: integer('origin_seq').notNull(),
    at: text('at').notNull(),
    action: text('action').notNull(),
    itemId: text('item_id'),
    detail: text('detail').notNull(),
    prevHash: text('prev_hash').notNull(),
  },
  (t) => [index('imported_history_item_idx').on(t.itemId)],
);
