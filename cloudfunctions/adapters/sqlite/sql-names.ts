import { assertFieldPath } from '../../core/shared/patch'

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,40}$/

/** Each collection is one table of (id, JSON doc). Names are checked: they end up in SQL text. */
export function tableName(collection: string): string {
  if (!COLLECTION_NAME.test(collection)) throw new Error(`invalid collection name: ${collection}`)
  return `"c_${collection}"`
}

/** The expression an index is created on; queries use the identical text so the planner uses it. */
export function fieldExpression(path: string): string {
  assertFieldPath(path)
  if (path === '_id') return 'id'
  return `json_extract(doc, '$.${path}')`
}
