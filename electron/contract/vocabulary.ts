// Fixed vocabularies shared by the schema, the contract and the UI. No imports: anything may use it.
export const ITEM_TYPES = ['article', 'statement', 'incident', 'note'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const LINK_RELATIONS = [
  'mentions',
  'quotes',
  'reports-on',
  'about',
  'corroborates',
  'contradicts',
  'same-event',
  'related',
  'sourced-from',
  'possible-duplicate',
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];


/** Every operation any door can call; the contract gives each one its input schema and output type. */
export const OPERATION_NAMES = [
  'search',
  'listItems',
  'getItem',
  'addNote',
  'addStatement',
  'addIncident',
  'deleteItem',
  'restoreItem',
  'addLink',
  'removeLink',
  'createCase',
  'addToCase',
  'listCases',
  'importFiles',
  'importPaths',
  'archiveInfo',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];
