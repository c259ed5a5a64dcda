import type { ErrorCode } from './errors'

/** What a failed call tells the client. Only `code` is for programs; `message` is for people. */
export interface ErrorBody {
  code: ErrorCode
  message: string
  /** For INPUT.INVALID: the path of the first offending field, e.g. `room` or `questions.2.text`. */
  field?: string
  /** For RATE.LIMITED: when to try again. */
  retryAfterSeconds?: number
  /** For CHAT.MUTED and similar: until when (epoch ms). */
  until?: number
  /** For INTERNAL: quote it when reporting a problem; the server log has the details. */
  requestId?: string
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

/** The body of every function call, on CloudBase and over local HTTP alike. */
export interface CallRequest {
  action: string
  data?: unknown
}

export function okEnvelope<T>(data: T): Envelope<T> {
  return { ok: true, data }
}

export function errorEnvelope(error: ErrorBody): Envelope<never> {
  return { ok: false, error }
}
