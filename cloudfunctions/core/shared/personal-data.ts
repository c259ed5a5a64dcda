import type { BlankValue, CollectionSpec, PersonLink } from './collections'
import {
  MAX_FIND_LIMIT,
  untypedStore,
  type Doc,
  type Filter,
  type Patch,
  type UntypedDocumentStore,
} from './document-store'
import type { Deps } from './ports'

/**
 * 导出我的数据 and 注销账号 (PIPL rights), both derived from the collections' `personalData`
 * declarations: a field declared is exported and erased by the same line, so neither can miss
 * what the other covers.
 */

/** Whether a link can be found with a query (arrays of ids cannot be, portably). */
export function isQueryable(link: PersonLink): boolean {
  return !link.field.includes('[]')
}

/** The segments of a document id (`${eventId}:${userId}`, `${messageId}~${reporterId}`). */
export function idSegments(id: string): string[] {
  return id.split(/[:~]/)
}

async function findAll(
  store: UntypedDocumentStore,
  collection: string,
  field: string,
  userId: string,
  only: Filter = {},
): Promise<Doc[]> {
  if (field === '_id') {
    const doc = await store.get(collection, userId)
    return doc ? [doc] : []
  }
  const all: Doc[] = []
  for (let skip = 0; ; skip += MAX_FIND_LIMIT) {
    const page = await store.find(
      collection,
      { ...only, [field]: userId },
      { orderBy: [['_id', 'asc']], limit: MAX_FIND_LIMIT, skip },
    )
    all.push(...page)
    if (page.length < MAX_FIND_LIMIT) return all
  }
}

function valueAt(doc: Doc, path: string): unknown {
  let value: unknown = doc
  for (const key of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
  return value
}

/** Everything the collections hold about the person, by collection and by what links them. */
export async function exportPersonalData(
  deps: Pick<Deps, 'store'>,
  collections: readonly CollectionSpec[],
  userId: string,
): Promise<Record<string, Record<string, unknown[]>>> {
  const data: Record<string, Record<string, unknown[]>> = {}
  // Walks every declared collection by name, so it reads the store without the collection map.
  const store = untypedStore(deps.store)
  for (const spec of collections) {
    for (const link of spec.personalData.links) {
      if (!link.export || !isQueryable(link)) continue
      const { as, fields, context } = link.export
      const docs = await findAll(store, spec.name, link.field, userId)
      const pick = (doc: Doc, names: readonly string[]) =>
        Object.fromEntries(names.map((f) => [f, valueAt(doc, f) ?? null]))
      const related = context
        ? new Map(
            (await store.getMany(context.from, [...new Set(docs.map((d) => String(valueAt(d, context.via))))])).map(
              (d) => [d._id, d],
            ),
          )
        : null
      ;(data[spec.name] ??= {})[as] = docs.map((doc) => {
        const row = pick(doc, fields)
        if (!context || !related) return row
        const ref = related.get(String(valueAt(doc, context.via)))
        return { ...row, [context.as]: ref ? pick(ref, context.fields) : null }
      })
    }
  }
  return data
}

function blankPatch(rule: { blank: Readonly<Record<string, BlankValue>> }, userId: string, now: number): Patch {
  const set: Record<string, unknown> = {}
  const unset: string[] = []
  for (const [field, value] of Object.entries(rule.blank)) {
    const resolved =
      typeof value === 'function' ? (value as (e: { userId: string; now: number }) => unknown)({ userId, now }) : value
    if (resolved === undefined) unset.push(field)
    else set[field] = resolved
  }
  return { set, unset }
}

function applyPatch(doc: Doc, patch: Patch): Doc {
  const next: Record<string, unknown> = { ...doc, ...patch.set }
  for (const field of patch.unset ?? []) delete next[field]
  return next as Doc
}

/**
 * Apply every collection's erasure rules for one person. Run after the account's ending has been
 * settled (seats handed on, holds released…). The `users` collection goes last: until then the
 * account is what the rules look the person up by.
 */
export async function erasePersonalData(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  collections: readonly CollectionSpec[],
  userId: string,
): Promise<void> {
  const now = deps.clock.now()
  // Walks every declared collection by name, so it writes the store without the collection map.
  const store = untypedStore(deps.store)
  const ordered = [...collections.filter((c) => c.name !== 'users'), ...collections.filter((c) => c.name === 'users')]
  for (const spec of ordered) {
    for (const link of spec.personalData.links) {
      const rule = link.erase
      if ('keep' in rule || 'ending' in rule) continue
      if (!isQueryable(link))
        throw new Error(`${spec.name}.${link.field}: an array of ids can only be kept or left to the ending`)
      if ('delete' in rule) {
        if (link.field === '_id') await store.delete(spec.name, userId)
        else await store.deleteWhere(spec.name, { [link.field]: userId })
        continue
      }
      const patch = blankPatch(rule, userId, now)
      const refile = spec.personalData.idEmbeds?.field === link.field && !spec.personalData.idEmbeds.keep
      for (const doc of await findAll(store, spec.name, link.field, userId, rule.only)) {
        if (refile && doc._id !== userId && idSegments(doc._id).includes(userId)) {
          // The id itself named the person: the blanked document is filed again under a fresh id.
          await store.insert(spec.name, { ...applyPatch(doc, patch), _id: deps.ids.next(spec.name.slice(0, 3)) })
          await store.delete(spec.name, doc._id)
        } else {
          await store.update(spec.name, doc._id, patch)
        }
      }
    }
  }
}
