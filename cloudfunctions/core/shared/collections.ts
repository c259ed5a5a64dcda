/**
 * How a collection is indexed. Declared once per feature (`<feature>.collections.ts`): the SQLite
 * adapter creates these indexes at start-up, the CloudBase deploy script creates them in the
 * cloud, and docs/DEPLOY.md lists them.
 */
export interface IndexSpec {
  /** Stable name, unique within the collection. */
  name: string
  fields: Array<[field: string, direction: 'asc' | 'desc']>
  unique?: boolean
}

export interface CollectionSpec {
  name: string
  /** What lives here, for the deploy docs. */
  description: string
  indexes: IndexSpec[]
  /**
   * CloudBase security rule for direct client access (database `watch()` in the mini-program).
   * Omit for collections only the functions touch: the default rule then denies clients.
   */
  clientRule?: { read: string; write: string }
  /** Which fields hold a user id or personal text, and what 导出我的数据 / 注销账号 do with them. */
  personalData: PersonalDataSpec
}

export function defineCollections<const T extends readonly CollectionSpec[]>(specs: T): T {
  return specs
}

/**
 * What 注销账号 does to the documents a field links to the person:
 * - `delete`: the document goes.
 * - `blank`: the document stays (neighbours still need it) with these fields replaced (`undefined`
 *   removes the field; a function gets the person and the time). A document whose `_id` names
 *   the person is filed again under a fresh id, so the id no longer does.
 * - `keep`: stays as it is. Only for ids: the account remains as a tombstone that reads
 *   已注销用户 and holds nothing personal, so the id names nobody. Say why it must stay.
 * - `ending`: taken care of by the feature's answer to the account's ending (e.g. an RSVP
 *   withdrawn hands its seat on and leaves the waitlist); say which.
 */
export type BlankValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly unknown[]
  | ((erased: { userId: string; now: number }) => unknown)

export type ErasureRule =
  | { delete: true }
  | {
      blank: Readonly<Record<string, BlankValue>>
      /** Only documents that also match this (equality); the others keep the id, as with `keep`. */
      only?: Readonly<Record<string, string | number | boolean | null>>
      /** Why the others may keep it. */
      othersKept?: string
    }
  | { keep: string }
  | { ending: string }

/** One field that holds a person's user id, and what export and erasure do with its documents. */
export interface PersonLink {
  /**
   * The field: `userId`, `_id` (the document id is the user id), a dotted path, or an array:
   * `mentions[]` (an array of ids), `parties[].userId` (an array of objects).
   */
  field: string
  /**
   * Their export (导出我的数据): a name for these documents there, and the fields they get
   * (`_id` included only if listed). Omit for links that are not theirs to export (someone
   * else's document that mentions them), with the reason in `notExported`.
   */
  export?: {
    as: string
    fields: readonly string[]
    /** What the row refers to, so the export reads on its own: e.g. the event's title beside an RSVP. */
    context?: { via: string; from: string; fields: readonly string[]; as: string }
  }
  notExported?: string
  erase: ErasureRule
}

/**
 * The personal data a collection holds. Every collection declares it: `links` lists every field
 * that can hold a user id (a test scans a fully used demo database and fails on any it finds
 * undeclared); `text` lists the fields of free text people write.
 */
export interface PersonalDataSpec {
  links: readonly PersonLink[]
  text?: readonly string[]
  /**
   * When document ids embed a user id (`${eventId}:${userId}`): the link whose id is embedded.
   * Erasure follows that link's rule (deleted, or filed again under a fresh id when blanked)
   * unless `keep` says why the id may stay.
   */
  idEmbeds?: { field: string; keep?: string }
  /** For a collection with no links: why it holds nothing about a person. */
  none?: string
}

/** For collections that hold nothing about a person (buildings, counters…). */
export function noPersonalData(why: string): PersonalDataSpec {
  return { links: [], none: why }
}
