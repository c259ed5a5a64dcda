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
}

export function defineCollections<const T extends readonly CollectionSpec[]>(specs: T): T {
  return specs
}
