/**
 * Indexing a list gives `T | undefined` (noUncheckedIndexedAccess). Tests usually know how many
 * items they arranged; these say so, and fail with a message naming what was missing instead of a
 * `TypeError` on `undefined` further down.
 */
export { cycle, firstOf, lastOf } from '../../cloudfunctions/core/shared/lists'

/** The item at `index`; throws when the list is shorter than the test expected. */
export function at<T>(items: readonly T[], index: number): T {
  if (index < 0 || index >= items.length) {
    throw new Error(`at: expected an item at index ${index}, the list has ${items.length}`)
  }
  return items[index] as T
}

/** The one item of a list the test expects to hold exactly one. */
export function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`only: expected exactly one item, the list has ${items.length}`)
  return items[0] as T
}

type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N ? R : Tuple<T, N, [T, ...R]>

/** The first `count` items, typed as a tuple to destructure; throws when the list is shorter. */
export function take<T, N extends number>(items: readonly T[], count: N): Tuple<T, N> {
  if (items.length < count) throw new Error(`take: expected at least ${count} items, the list has ${items.length}`)
  return items.slice(0, count) as Tuple<T, N>
}

/** The entry a test table must hold for `key`; throws naming the key when it does not. */
export function entryOf<T>(table: Readonly<Record<string, T>>, key: string): T {
  const value = table[key]
  if (value === undefined) throw new Error(`entryOf: the table has no entry for ${key}`)
  return value
}
