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
  'getAttachment',
  'checkArchive',
  'backupArchive',
  'updateItem',
  'itemHistory',
  'restoreVersion',
  'listTrash',
  'purgeItem',
  'exportCase',
  'verifyCase',
  'importCase',
  'listConflicts',
  'resolveConflict',
  // the cross-linked record (./records.ts)
  'getPassages',
  'suggestStatements',
  'suggestEntities',
  'listSuggestions',
  'acceptSuggestion',
  'acceptEntity',
  'dismissSuggestion',
  'addEntity',
  'addAliases',
  'listEntities',
  'getEntity',
  'addMention',
  'entityMentions',
  'addIncidentActor',
  'addClaim',
  'addSource',
  'listSources',
  'gradeSource',
  'gradeItem',
  'wikiLinks',
  'resolveWikiLinks',
  'timeline',
  'graph',
  'searchFacets',
  'quickFind',
  'saveSearch',
  'listSavedSearches',
  'deleteSavedSearch',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** What the desktop shell tells the page (menu commands, finished background work); the preload lets only these through. */
export const APP_EVENTS = ['menu:import', 'menu:new-note', 'menu:new-statement', 'menu:new-incident', 'menu:find', 'menu:shortcuts', 'archive:changed'] as const;
export type AppEvent = (typeof APP_EVENTS)[number];

/** Desktop-only shell functions the preload exposes beside the operations (they touch the OS, not the archive). */
export const SHELL_CHANNELS = {
  openExternal: 'shell:open-external',
  importDialog: 'shell:import-dialog',
  exportCaseDialog: 'shell:export-case-dialog',
  importCaseDialog: 'shell:import-case-dialog',
} as const;
