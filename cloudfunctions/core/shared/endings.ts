import { signalPeople } from './personal-topic'
import type { Role } from '../../../contracts'
import type { Caller } from './caller'
import type { Doc, DocumentStore } from './document-store'
import type { Deps } from './ports'

/**
 * "Membership ended" and "role ended" as domain events. The use case that ends a membership or a
 * role writes one `EndingDoc` per ending in the same transaction as the change itself (by id, as
 * CloudBase transactions require); right after, every feature's handler takes away what hung on
 * it, and the record is deleted. A record left behind by a crash is settled again by
 * `drainEndings` (the local job; handlers are idempotent).
 *
 * Handlers do not trust the event's details to decide: each re-checks, for the person as the
 * database knows them now, every power its feature gave and withdraws what no longer holds. So a
 * person who moves from one building to another and is verified there at once keeps what a
 * verified neighbour may keep, and nothing is taken twice.
 */
export type EndingWhy =
  /** They applied to another building, or their own earlier membership was replaced. */
  | 'moved'
  /** A leader or the committee ended it (moved away, verified by mistake). */
  | 'removed'
  /** The committee revoked a role. */
  | 'revoked'
  /** The account was deleted. */
  | 'erased'

export type EndingKind = 'membership' | 'role'

export interface EndingFields {
  kind: EndingKind
  userId: string
  /** The building of the membership, or of a building-scoped role; null for other roles. */
  buildingId: string | null
  /** For a role ending. */
  role?: Role
  why: EndingWhy
}

export interface EndingDoc extends Doc, EndingFields {
  at: number
}

export interface EndingHandler {
  /** The feature and what it withdraws, for logs and docs/SECURITY.md. */
  name: string
  /**
   * Withdraw what no longer holds for `person` (loaded after the ending was written). Must be safe
   * to run again. Use by-id operations inside any transaction (find first, then write by id).
   */
  settle(deps: Deps, person: Caller, endings: readonly EndingDoc[]): Promise<void>
}

export const ENDINGS_COLLECTION = 'endings'

/** Draft an ending for the transaction that causes it. */
export function ending(deps: Pick<Deps, 'ids' | 'clock'>, fields: EndingFields): EndingDoc {
  return { _id: deps.ids.next('end'), at: deps.clock.now(), ...fields }
}

/** Write the endings inside the open transaction (by id). */
export async function recordEndings(tx: DocumentStore, endings: readonly EndingDoc[]): Promise<void> {
  for (const doc of endings) await tx.insert(ENDINGS_COLLECTION, doc)
}

/**
 * Let every feature answer the endings of one person, then close the person's live streams at
 * once and drop the records. `loadPerson` reads the person as they are now (a deleted account
 * reads as someone with no membership and no role).
 */
export async function settleEndings(
  deps: Deps,
  handlers: readonly EndingHandler[],
  person: Caller,
  endings: readonly EndingDoc[],
): Promise<void> {
  if (!endings.length) return
  // What the account itself gave (membership, roles) ended when the records were written.
  deps.realtime.revoke(person.userId)
  for (const handler of handlers) await handler.settle(deps, person, endings)
  // And what the features gave (interest groups…) is gone now too.
  deps.realtime.revoke(person.userId)
  for (const doc of endings) await deps.store.delete(ENDINGS_COLLECTION, doc._id)
  signalPeople(deps, [person.userId], ['membership', 'roles'])
}

/** Settle endings a crash left unsettled (older than `graceMs`, so a request still settling its own is left alone). */
export async function drainEndings(
  deps: Deps,
  handlers: readonly EndingHandler[],
  loadPerson: (userId: string) => Promise<Caller>,
  graceMs = 60_000,
): Promise<number> {
  const stale = await deps.store.find(
    ENDINGS_COLLECTION,
    { at: { $lt: deps.clock.now() - graceMs } },
    { orderBy: [['at', 'asc']], limit: 100 },
  )
  const byPerson = new Map<string, EndingDoc[]>()
  for (const doc of stale) byPerson.set(doc.userId, [...(byPerson.get(doc.userId) ?? []), doc])
  for (const [userId, endings] of byPerson) await settleEndings(deps, handlers, await loadPerson(userId), endings)
  return stale.length
}
