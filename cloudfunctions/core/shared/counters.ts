import { defineCollections } from './collections'
import { DuplicateKeyError, type Doc, type DocumentStore } from './document-store'

/**
 * Counters for limits that protect people ("at most 10 mention notifications an hour", "at most 5
 * pending applications a day per building"). They live in the store, not in memory: on CloudBase
 * every function instance has its own memory, so a limit kept there is no limit at all.
 *
 * A counter counts one thing (`name`) for one person (`userId`) or one place (`scope`, e.g. a
 * building) in one fixed window: its id is `name:who:windowStart`, so a new window is a new
 * document and nothing ever has to be reset. Each carries `expiresAt`; the housekeeping that
 * deletes expired ones is a step of the `events-reminders` timer (and the local job), never an
 * in-memory timer, and nothing reads an expired counter anyway.
 */
export interface CounterDoc extends Doc {
  name: string
  /** The person counted, or null when a place is. */
  userId: string | null
  /** The place counted (a building id), or null when a person is. */
  scope: string | null
  windowStart: number
  count: number
  expiresAt: number
  /** For counters that collapse what is over the limit into one item: that item's id. */
  summaryId?: string | null
}

export interface CounterKey {
  name: string
  /** Exactly one of the two. */
  userId?: string
  scope?: string
  windowMs: number
}

export function windowStartOf(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs
}

export function counterIdOf(key: CounterKey, now: number): string {
  return `${key.name}:${key.userId ?? key.scope}:${windowStartOf(now, key.windowMs)}`
}

export function newCounter(key: CounterKey, now: number, count: number): CounterDoc {
  const windowStart = windowStartOf(now, key.windowMs)
  return {
    _id: counterIdOf(key, now),
    name: key.name,
    userId: key.userId ?? null,
    scope: key.scope ?? null,
    windowStart,
    count,
    expiresAt: windowStart + key.windowMs,
  }
}

export interface Slot {
  allowed: boolean
  /** Seconds until the window ends (0 when allowed). */
  retryAfterSeconds: number
}

/**
 * Take one slot of `max` in the current window, atomically across every function instance. One
 * round trip when the window's counter exists (a conditional increment), two when it is the
 * first of the window.
 */
export async function takeSlot(store: DocumentStore, key: CounterKey, max: number, now: number): Promise<Slot> {
  const id = counterIdOf(key, now)
  const refused = (): Slot => ({
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStartOf(now, key.windowMs) + key.windowMs - now) / 1000)),
  })
  if (max <= 0) return refused()
  for (let attempt = 0; attempt < 2; attempt++) {
    if ((await store.updateWhere('counters', { _id: id, count: { $lt: max } }, { inc: { count: 1 } })) === 1)
      return { allowed: true, retryAfterSeconds: 0 }
    try {
      await store.insert('counters', newCounter(key, now, 1))
      return { allowed: true, retryAfterSeconds: 0 }
    } catch (error) {
      // It exists: full, or someone created it a moment ago (then the increment is tried once more).
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }
  return refused()
}

/** Count one more in the current window (one transaction, by id) and answer the new count. */
export async function bumpCounter(store: DocumentStore, key: CounterKey, now: number): Promise<number> {
  return store.transaction(async (tx) => {
    const counter = (await tx.get('counters', counterIdOf(key, now))) ?? newCounter(key, now, 0)
    await tx.put('counters', { ...counter, count: counter.count + 1 })
    return counter.count + 1
  })
}

/** Several counters by id in one round trip (inside a transaction when they are then written). */
export async function getCounters(store: DocumentStore, counterIds: readonly string[]): Promise<CounterDoc[]> {
  return store.getMany('counters', counterIds)
}

/** Write a counter whole, as read and changed by the caller (inside the same transaction). */
export async function putCounter(store: DocumentStore, counter: CounterDoc): Promise<void> {
  await store.put('counters', counter)
}

/** How many were counted in the current window (0 when none). */
export async function countInWindow(store: DocumentStore, key: CounterKey, now: number): Promise<number> {
  return (await store.get('counters', counterIdOf(key, now)))?.count ?? 0
}

/** Housekeeping: delete counters whose window has ended. Returns how many went. */
export async function sweepExpiredCounters(store: DocumentStore, now: number): Promise<number> {
  return store.deleteWhere('counters', { expiresAt: { $lt: now } })
}

export const counterCollections = defineCollections([
  {
    name: 'counters',
    description: '保护性限额的计数（_id = 名称:人或楼:时间窗口），窗口结束后由定时任务删除',
    personalData: {
      links: [{ field: 'userId', notExported: '只是一小时或一天内的次数，窗口结束即删除', erase: { delete: true } }],
      idEmbeds: { field: 'userId' },
    },
    indexes: [
      { name: 'expires', fields: [['expiresAt', 'asc']] },
      { name: 'user', fields: [['userId', 'asc']] },
    ],
  },
])
