/**
 * Recognising CloudBase database errors. The SDK throws `TcbError { code, message }`; inside
 * `runTransaction` the raw reply `{ code, message }` may be thrown instead. Codes from the
 * CloudBase error-code reference (docs.cloudbase.net/error-code); the message checks catch the
 * underlying Mongo text when a proxy rewraps the code.
 */

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : typeof code === 'number' ? String(code) : ''
}

function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : ''
}

/** An insert (or unique-index write) clashed with an existing key. */
export function isDuplicateKeyError(error: unknown): boolean {
  const code = codeOf(error)
  return code === 'DATABASE_DUPLICATE_WRITE' || code === '11000' || /E11000|duplicate key/i.test(messageOf(error))
}

/** Another transaction wrote the same document first; the whole transaction may be run again. */
export function isTransactionConflict(error: unknown): boolean {
  const code = codeOf(error)
  return (
    code === 'DATABASE_TRANSACTION_CONFLICT' ||
    code === '112' ||
    /WriteConflict|transaction conflict/i.test(messageOf(error))
  )
}
