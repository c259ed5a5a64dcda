import type { ErrorBody } from '../../contracts/envelope'
import { defaultMessageOf, type ErrorCode } from '../../contracts/errors'

/** A failed call as pages see it: the envelope's code and its Chinese message. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly field?: string
  readonly retryAfterSeconds?: number
  readonly until?: number
  readonly requestId?: string

  constructor(body: ErrorBody) {
    super(body.message || defaultMessageOf(body.code))
    this.name = 'ApiError'
    this.code = body.code
    this.field = body.field
    this.retryAfterSeconds = body.retryAfterSeconds
    this.until = body.until
    this.requestId = body.requestId
  }
}

/** The call did not get to the functions or back (offline, DNS, a cut connection, not JSON). */
export function networkError(): ApiError {
  return new ApiError({ code: 'NETWORK', message: defaultMessageOf('NETWORK') })
}

/** The message to show for anything a call might throw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return '出了点问题，请稍后再试'
}
