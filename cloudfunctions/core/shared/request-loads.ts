import type { UserDoc } from '../account/account.docs'

/** The name of one kind of thing a policy may load, typed by what it holds. */
export interface LoadKind<T> {
  readonly name: string
  /** Never set: carries the type. */
  readonly held?: T
}

export function loadKind<T>(name: string): LoadKind<T> {
  return { name }
}

/**
 * What was loaded while deciding one call — the caller's account, a group and the caller's
 * standing in it — handed on to the use case so it does not load the same documents again: on
 * CloudBase every load is a network round trip. Lives for one call only, so nothing in it is
 * older than the call itself.
 */
export class RequestLoads {
  private readonly held = new Map<string, unknown>()

  remember<T>(kind: LoadKind<T>, id: string, value: T): void {
    this.held.set(`${kind.name}:${id}`, value)
  }

  /** What was remembered under this id, or undefined when nothing was (null is a remembered "none"). */
  recall<T>(kind: LoadKind<T>, id: string): T | undefined {
    return this.held.get(`${kind.name}:${id}`) as T | undefined
  }
}

/** The caller's own account as the router loaded it (keyed by user id). */
export const CALLER_ACCOUNT = loadKind<UserDoc>('callerAccount')
