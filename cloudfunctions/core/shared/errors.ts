import { defaultMessageOf, type ErrorBody, type ErrorCode } from '../../../contracts'

export type ErrorExtras = Pick<ErrorBody, 'field' | 'retryAfterSeconds' | 'until'>

/** A refusal the person should see: a stable code and a Chinese message. Anything else thrown is INTERNAL. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly extras: ErrorExtras

  constructor(code: ErrorCode, message?: string, extras: ErrorExtras = {}) {
    super(message ?? defaultMessageOf(code))
    this.name = 'AppError'
    this.code = code
    this.extras = extras
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.extras }
  }
}

export function notFound(message?: string): AppError {
  return new AppError('NOT_FOUND', message)
}

export function forbidden(message?: string): AppError {
  return new AppError('AUTH.FORBIDDEN', message)
}

export function invalidInput(field: string, message: string): AppError {
  return new AppError('INPUT.INVALID', message, { field })
}
