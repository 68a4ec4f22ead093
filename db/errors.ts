// Errors an investigator can meet carry a stable code and a sentence they can act on.
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNSUPPORTED_FORMAT'
  | 'IMPORT_FAILED'
  | 'BAD_QUERY'
  | 'ARCHIVE_TOO_NEW'
  | 'NOT_AN_ARCHIVE'
  | 'UNKNOWN_OPERATION'
  | 'FORBIDDEN'
  | 'UNSAFE_CASE_FILE'
  | 'CASE_FILE_ALTERED'
  | 'INTERNAL';

export class DossierError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DossierError';
  }
}

export function notFound(what: string, id: string): DossierError {
  return new DossierError('NOT_FOUND', `No ${what} with id or name "${id}" in this archive.`);
}
