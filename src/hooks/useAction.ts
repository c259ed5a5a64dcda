import { useCallback, useRef, useState } from 'react'
import type { ErrorCode } from '../../contracts'
import { ApiError, messageOf } from '../services/api-error'

/** Why an action failed, as a form shows it: the message, and the code and field when the server gave them. */
export interface Failure {
  message: string
  code?: ErrorCode
  field?: string
  /** When the server asks the person to wait (a limit was reached), how long. */
  retryAfterSeconds?: number
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; failure: Failure }

export interface Action<A extends unknown[], R> {
  /** Run it; never throws: a failure is returned and kept in `error` until the next run or `clear()`. */
  run(...args: A): Promise<Outcome<R>>
  busy: boolean
  error: Failure | null
  clear(): void
}

export function failureOf(e: unknown): Failure {
  if (e instanceof ApiError)
    return {
      message: e.message,
      code: e.code,
      ...(e.field ? { field: e.field } : {}),
      ...(e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {}),
    }
  return { message: messageOf(e) }
}

/**
 * Something a person does on a page (send, save, approve): busy while it runs (so the button shows
 * it and a second tap waits), and the failure's message to show next to the button.
 */
export function useAction<A extends unknown[], R>(act: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Failure | null>(null)
  const actRef = useRef(act)
  actRef.current = act

  const run = useCallback(async (...args: A): Promise<Outcome<R>> => {
    setBusy(true)
    setError(null)
    try {
      return { ok: true, value: await actRef.current(...args) }
    } catch (e) {
      const failure = failureOf(e)
      setError(failure)
      return { ok: false, failure }
    } finally {
      setBusy(false)
    }
  }, [])
  const clear = useCallback(() => setError(null), [])
  return { run, busy, error, clear }
}
