import type { Filter, Patch, RangeCondition, Scalar } from '../../core/shared/document-store'
import { assertFieldPath } from '../../core/shared/patch'
import type { CloudCommand, CloudQueryObject, CloudQueryOperator, CloudUpdateObject } from './cloudbase-database'

/**
 * Translating the port's filters and patches into `db.command` operators. Kept apart from the
 * store so the translation can be read (and tested) on its own.
 */

function isCondition(value: Scalar | RangeCondition): value is RangeCondition {
  return value !== null && typeof value === 'object'
}

/**
 * A port filter as a CloudBase `where()` object. Equality and null compare like the SQLite adapter:
 * `{ f: null }` matches a null or missing field, `$ne` matches missing fields too, `$in` with null
 * matches missing fields (Mongo semantics, which SQLite's `IS` / `IS NULL` mirror).
 */
export function toCloudQuery(_: CloudCommand, filter: Filter): CloudQueryObject {
  const query: CloudQueryObject = {}
  for (const [path, expected] of Object.entries(filter)) {
    assertFieldPath(path)
    // The SDK silently drops undefined values, which would turn `{ f: undefined }` into
    // "match everything" — fatal in a deleteWhere. Refuse it instead.
    if (expected === undefined) throw new Error(`filter value for ${path} is undefined`)
    if (!isCondition(expected)) {
      query[path] = expected
      continue
    }
    const operators: CloudQueryOperator[] = []
    if (expected.$gt !== undefined) operators.push(_.gt(expected.$gt))
    if (expected.$gte !== undefined) operators.push(_.gte(expected.$gte))
    if (expected.$lt !== undefined) operators.push(_.lt(expected.$lt))
    if (expected.$lte !== undefined) operators.push(_.lte(expected.$lte))
    if (expected.$ne !== undefined) operators.push(_.neq(expected.$ne))
    if (expected.$in !== undefined) operators.push(_.in([...expected.$in]))
    // An empty condition constrains nothing, as in SQLite.
    if (operators.length === 0) continue
    // The SDK turns `a.and(b)` on one field into a top-level `$and`, merged across fields.
    const [head, ...rest] = operators as [(typeof operators)[number], ...typeof operators]
    query[path] = rest.length === 0 ? head : head.and(...rest)
  }
  return query
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)
}

/**
 * A port patch as the data for node-sdk `update(data)` (node-sdk takes the data directly;
 * wx-server-sdk would want `{ data }`). Returns null when the patch changes nothing.
 *
 * - Objects and arrays are wrapped in `_.set(…)`: the SDK otherwise flattens a nested object into
 *   dotted `$set` paths, which would *merge* into the stored object (and fail on a null parent)
 *   where the port (and SQLite) replace it.
 * - `set: { f: undefined }` removes the field, as it does in SQLite (JSON drops undefined).
 * - Overlapping paths (`set a` with `unset a.b`) are refused: Mongo rejects them in one update,
 *   and the port applies groups in order, so the meaning would differ.
 */
export function toCloudUpdate(_: CloudCommand, patch: Patch): CloudUpdateObject | null {
  const data: CloudUpdateObject = {}
  const paths: string[] = []
  const claim = (path: string) => {
    assertFieldPath(path)
    if (path === '_id') throw new Error('cannot change _id')
    const clash = paths.find((other) => overlaps(other, path))
    if (clash) throw new Error(`patch touches overlapping paths "${clash}" and "${path}"; split it into two updates`)
    paths.push(path)
  }
  for (const [path, value] of Object.entries(patch.set ?? {})) {
    claim(path)
    if (value === undefined) data[path] = _.remove()
    else if (isPlainObject(value) || Array.isArray(value)) data[path] = _.set(value)
    else data[path] = value
  }
  for (const [path, amount] of Object.entries(patch.inc ?? {})) {
    claim(path)
    data[path] = _.inc(amount)
  }
  for (const path of patch.unset ?? []) {
    claim(path)
    data[path] = _.remove()
  }
  return paths.length ? data : null
}
