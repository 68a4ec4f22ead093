// The operation table: every contract name bound to its plain function over the archive. Doors (IPC, HTTP,
// CLI, tests) loop over this table and call `callOperation`; none of them holds behaviour of its own.
import { z } from 'zod';
import type { Archive } from '../../db/open';
import { DossierError } from '../../db/errors';
import { archiveInfo } from '../../db/ops/archive';
import { getAttachment } from '../../db/ops/attachments';
import { addToCase, createCase, listCases } from '../../db/ops/cases';
import { addIncident } from '../../db/ops/incidents';
import { deleteItem, getItem, listItems, restoreItem } from '../../db/ops/items';
import { addLink, removeLink } from '../../db/ops/links';
import { addNote } from '../../db/ops/notes';
import { addStatement } from '../../db/ops/statements';
import { backupArchive } from '../../db/ops/backup';
import { itemHistory, restoreVersion, updateItem } from '../../db/ops/history';
import { checkArchive } from '../../db/ops/integrity';
import { listTrash, purgeItem } from '../../db/ops/trash';
import { importFiles, importPaths } from '../../db/import';
import { listConflicts, resolveConflict } from '../../db/export/conflicts';
import { importCase } from '../../db/export/merge';
import { verifyCase } from '../../db/export/verify';
import { exportCase } from '../../db/export/writer';
import { searchItems } from '../../db/search/search';
import { searchFacets } from '../../db/search/facets';
import { quickFind } from '../../db/search/quick-find';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../../db/search/saved';
import { recordOperations } from './record-operations';
import { OPERATION_NAMES, schemas, type InputOf, type OperationName, type OutputOf, type Result } from './index';

type Implementation<Name extends OperationName> = (
  archive: Archive,
  input: InputOf<Name>,
) => OutputOf<Name> | Promise<OutputOf<Name>>;

export const operations: { [Name in OperationName]: Implementation<Name> } = {
  search: searchItems,
  listItems,
  getItem,
  addNote,
  addStatement,
  addIncident,
  deleteItem,
  restoreItem,
  addLink,
  removeLink,
  createCase,
  addToCase,
  listCases: (archive) => listCases(archive),
  importFiles,
  importPaths,
  archiveInfo: (archive) => archiveInfo(archive),
  getAttachment,
  checkArchive,
  backupArchive,
  updateItem,
  itemHistory,
  restoreVersion,
  listTrash,
  purgeItem,
  searchFacets,
  quickFind,
  saveSearch,
  listSavedSearches,
  deleteSavedSearch,
  exportCase: (archive, input) => exportCase(archive, input),
  verifyCase: (_archive, input) => verifyCase(input),
  importCase: (archive, input) => importCase(archive, input),
  listConflicts,
  resolveConflict,
  ...recordOperations,
};

export function isOperationName(name: string): name is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export function errorResult(error: unknown): Result<never> {
  if (error instanceof DossierError) return { ok: false, error: { code: error.code, message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'INTERNAL', message } };
}

/** Validates raw input against the contract, runs the operation, and returns the outcome as data. */
export async function callOperation(archive: Archive, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_OPERATION', message: `There is no operation named "${name}".` } };
  }
  let parsed: ReturnType<(typeof schemas)[typeof name]['safeParse']>;
  try {
    parsed = schemas[name].safeParse(raw ?? {});
  } catch (error) {
    // A refinement that throws (a date out of range, say) is a refusal of the input, not a crash of the door.
    return { ok: false, error: { code: 'INVALID_INPUT', message: `The input could not be read: ${(error as Error).message}.` } };
  }
  if (!parsed.success) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: describeIssues(parsed.error) } };
  }
  try {
    const implementation = operations[name] as (archive: Archive, input: unknown) => unknown;
    return { ok: true, value: await implementation(archive, parsed.data) };
  } catch (error) {
    return errorResult(error);
  }
}
