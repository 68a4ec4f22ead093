// The one contract every door speaks: operation names, their input schemas (validated at runtime) and their
// output types. Pure data and zod, no Node, so the renderer and the preload can import it too.
import { z } from 'zod';

import { ITEM_TYPES, LINK_RELATIONS, OPERATION_NAMES, type ItemType, type LinkRelation, type OperationName } from './vocabulary';

export { ITEM_TYPES, LINK_RELATIONS, OPERATION_NAMES, type ItemType, type LinkRelation, type OperationName };

/** Snippets mark matches with these two private-use characters; the renderer turns them into <mark> elements. */
export const HIGHLIGHT_START = '\uE000';
export const HIGHLIGHT_END = '\uE001';

const text = z.string().trim().min(1).max(100_000);
const shortText = z.string().trim().min(1).max(2_000);
const optionalText = shortText.optional();
const itemRef = z.string().trim().min(1).max(200);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const millis = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(millis) && new Date(millis).toISOString().startsWith(value);
  }, 'not a real calendar date');
const count = z.number().int().min(0).max(10_000_000);

export const schemas = {
  search: z.strictObject({
    query: z.string().max(2_000),
    type: z.enum(ITEM_TYPES).optional(),
    limit: z.number().int().min(1).max(500).optional(),
    offset: z.number().int().min(0).optional(),
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
  }),
  addIncident: z.strictObject({
    title: shortText,
    date: isoDate.optional(),
    place: optionalText,
    description: z.string().max(1_000_000).optional(),
    killed: count.optional(),
    injured: count.optional(),
    source: itemRef.optional(),
  }),
  deleteItem: z.strictObject({ id: itemRef }),
  restoreItem: z.strictObject({ id: itemRef }),
  addLink: z.strictObject({
    from: itemRef,
    to: itemRef,
    rel: z.enum(LINK_RELATIONS),
    note: optionalText,
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
} as const satisfies Record<OperationName, z.ZodType>;
export type InputOf<Name extends OperationName> = z.infer<(typeof schemas)[Name]>;

export type SearchInput = InputOf<'search'>;
export type ListItemsInput = InputOf<'listItems'>;
export type NewNote = InputOf<'addNote'>;
export type NewStatement = InputOf<'addStatement'>;
export type NewIncident = InputOf<'addIncident'>;
export type NewLink = InputOf<'addLink'>;
export type NewCase = InputOf<'createCase'>;

export interface SearchHit {
  id: string;
  type: ItemType;
  title: string;
  /** Matched text with HIGHLIGHT_START / HIGHLIGHT_END around each match. */
  snippet: string;
  date: string | null;
}
export interface SearchResult {
  total: number;
  hits: SearchHit[];
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
}

export interface ClaimView {
  id: string;
  kind: string;
  valueNumber: number | null;
  valueText: string | null;
  sourceItemId: string | null;
  sourceTitle: string | null;
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
  };
  note?: { body: string };
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
}

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  appVersion: string;
  counts: Record<ItemType, number>;
}

export interface Outputs {
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
