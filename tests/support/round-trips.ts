/**
 * Counting store round trips per action: what a resident waits for on CloudBase, where every
 * DocumentStore operation is a network request from the function to the database.
 *
 * How operations count: every store call is one round trip, a text search is one, and a
 * transaction is one (starting and committing it) plus each operation inside it. Locally each is
 * a microsecond, so the count, not the time, is what this measures; it does not depend on timing.
 */
import type { Identity } from '../../cloudfunctions/core/account/identity'
import type { DocumentStore, UntypedDocumentStore } from '../../cloudfunctions/core/shared/document-store'
import type { Deps, TextSearch } from '../../cloudfunctions/core/shared/ports'
import { StoreNotifier } from '../../cloudfunctions/core/notifications/store-notifier'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import { createRouter, type Reply, type Router } from '../../cloudfunctions/runtime/router'

export interface Tally {
  total: number
  /** Per operation and collection, e.g. `find users`, for reading what an action does. */
  ops: string[]
}

const OPERATIONS = [
  'get',
  'getMany',
  'insert',
  'insertMany',
  'put',
  'update',
  'updateWhere',
  'delete',
  'deleteWhere',
  'find',
  'count',
] as const

/** Documents per request in the CloudBase adapter's getMany and insertMany (outside a transaction). */
const GET_MANY_CHUNK = 100
const INSERT_MANY_CHUNK = 500

/**
 * Requests one operation makes on CloudBase, as its adapter (adapters/cloudbase) sends them: a
 * getMany is one query per 100 ids outside a transaction and one read per id inside one (CloudBase
 * transactions cannot query), nothing for no ids; an insertMany one batch per 500.
 */
function requestsFor(op: (typeof OPERATIONS)[number], args: unknown[], inTransaction: boolean): number {
  if (op === 'getMany') {
    const ids = new Set(args[1] as string[]).size
    return inTransaction ? ids : Math.ceil(ids / GET_MANY_CHUNK)
  }
  if (op === 'insertMany') return Math.ceil((args[1] as unknown[]).length / INSERT_MANY_CHUNK)
  if (op === 'find' && (args[2] as { limit?: number } | undefined)?.limit === 0) return 0
  return 1
}

/** The store with every operation tallied (a transaction: one, plus what runs inside it). */
export function countingStore(inner: DocumentStore, tally: Tally, inTransaction = false): DocumentStore {
  const untyped = inner as unknown as UntypedDocumentStore
  const counted: Record<string, unknown> = {}
  for (const op of OPERATIONS) {
    counted[op] = (...args: unknown[]) => {
      const requests = requestsFor(op, args, inTransaction)
      tally.total += requests
      if (requests) tally.ops.push(`${op} ${String(args[0])}${requests > 1 ? ` ×${requests}` : ''}`)
      return (untyped[op] as (...a: unknown[]) => unknown).apply(untyped, args)
    }
  }
  counted.transaction = <R>(work: (tx: DocumentStore) => Promise<R>) => {
    tally.total += 1
    tally.ops.push('transaction')
    return inner.transaction((tx) => work(countingStore(tx, tally, true)))
  }
  // Adapter extras the local runtime reaches for (e.g. the SQLite text search's read) pass through.
  return new Proxy(inner, {
    get: (target, key, receiver) =>
      typeof key === 'string' && key in counted ? counted[key] : Reflect.get(target, key, receiver),
  })
}

function countingSearch(inner: TextSearch, tally: Tally): TextSearch {
  return {
    findContaining(collection, query) {
      tally.total += 1
      tally.ops.push(`search ${collection}`)
      return inner.findContaining(collection, query)
    },
  }
}

export interface RoundTripMeter {
  router: Router
  /** One call through the router as `identity`; the reply and the round trips it took. */
  measure(fn: string, action: string, data: unknown, identity: Identity | null): Promise<{ reply: Reply; tally: Tally }>
}

/**
 * A router over the same database as `deps`, whose store, notifier and text search count. Rate
 * limits are off: a measurement calls the same action many times as one person.
 */
export function roundTripMeter(deps: Deps): RoundTripMeter {
  const tally: Tally = { total: 0, ops: [] }
  const store = countingStore(deps.store, tally)
  const counted: Deps = {
    ...deps,
    store,
    notifier: new StoreNotifier({ store, clock: deps.clock, ids: deps.ids }),
    search: countingSearch(deps.search, tally),
  }
  const router = createRouter({
    deps: counted,
    functions: ALL_FUNCTIONS,
    rateLimiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0 }) },
  })
  return {
    router,
    async measure(fn, action, data, identity) {
      tally.total = 0
      tally.ops = []
      const reply = await router.dispatch(fn, data === undefined ? { action } : { action, data }, identity, 'rt')
      return { reply, tally: { total: tally.total, ops: [...tally.ops] } }
    },
  }
}
