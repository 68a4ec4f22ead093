// Tables of the cross-linked record: entities (people, organisations, places) with aliases and confirmed mentions,
// the actors of incidents, the investigator's grades of items, suggestions awaiting a decision, and wiki-links
// written inside notes. Re-exported from ./index so drizzle-kit and the ORM see one schema.
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

import { items, links } from './index';

export const ENTITY_KINDS = ['person', 'organisation', 'place'] as const;
export const ACTOR_ROLES = ['perpetrator', 'target', 'claimed-by', 'responded'] as const;
export const SUGGESTION_KINDS = ['statement', 'entity'] as const;
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'dismissed'] as const;

export const entities = sqliteTable(
  'entities',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ENTITY_KINDS }).notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('entities_kind_name_idx').on(t.kind, t.name)],
);

/** Other names and spellings of an entity, in any script (Popov, Попов; Al-Suknah, السخنة). */
export const entityAliases = sqliteTable(
  'entity_aliases',
  {
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.alias] }), index('entity_aliases_alias_idx').on(t.alias)],
);

/** An item the investigator confirmed mentions an entity. */
export const entityMentions = sqliteTable(
  'entity_mentions',
  {
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entityId, t.itemId] }), index('entity_mentions_item_idx').on(t.itemId)],
);

/** Who did what in an incident: perpetrator, target, claimed by, responded. */
export const incidentActors = sqliteTable(
  'incident_actors',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    entityId: text('entity_id')
      .notNull()
      .references(() => entities.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ACTOR_ROLES }).notNull(),
    sourceItemId: text('source_item_id').references(() => items.id),
    note: text('note'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('incident_actors_incident_idx').on(t.incidentId), index('incident_actors_entity_idx').on(t.entityId)],
);

/** The statement's speaker as an entity (the speaker text stays on the statement as written). */
export const statementSpeakers = sqliteTable('statement_speakers', {
  statementId: text('statement_id')
    .primaryKey()
    .references(() => items.id, { onDelete: 'cascade' }),
  entityId: text('entity_id')
    .notNull()
    .references(() => entities.id, { onDelete: 'cascade' }),
});

/** Information credibility of one item on the Admiralty scale (1 confirmed ... 6 cannot be judged). */
export const itemGrades = sqliteTable(
  'item_grades',
  {
    itemId: text('item_id')
      .primaryKey()
      .references(() => items.id, { onDelete: 'cascade' }),
    credibility: integer('credibility').notNull(),
    rationale: text('rationale'),
    gradedAt: text('graded_at').notNull(),
  },
  (t) => [check('item_grades_credibility_check', sql`${t.credibility} BETWEEN 1 AND 6`)],
);

/** What the engine proposes from an article's text; nothing becomes a record until the investigator accepts it. */
export const suggestions = sqliteTable(
  'suggestions',
  {
    id: text('id').primaryKey(),
    itemId: text('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUGGESTION_KINDS }).notNull(),
    /** Identifies the same proposal across re-runs, so a dismissed one stays dismissed. */
    fingerprint: text('fingerprint').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: SUGGESTION_STATUSES }).notNull(),
    resultId: text('result_id'),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
  },
  (t) => [index('suggestions_item_idx').on(t.itemId, t.kind, t.fingerprint)],
);

/** Each [[target]] written in a note: what it resolved to (kept through renames) and the link it made. */
export const wikiLinks = sqliteTable(
  'wiki_links',
  {
    noteId: text('note_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    target: text('target').notNull(),
    itemId: text('item_id').references(() => items.id, { onDelete: 'set null' }),
    linkId: text('link_id').references(() => links.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.target] }), index('wiki_links_item_idx').on(t.itemId)],
);
