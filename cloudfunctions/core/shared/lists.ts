/**
 * Indexing a list gives `T | undefined` (noUncheckedIndexedAccess). Where the code already knows
 * the list is not empty — a page just checked for length, a view built from one document — these
 * say so once, and fail loudly instead of passing `undefined` along if that knowledge was wrong.
 */
export function firstOf<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('firstOf: the list is empty')
  return items[0] as T
}

export function lastOf<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('lastOf: the list is empty')
  return items[items.length - 1] as T
}

/** The item at `index` modulo the list's length: cycling through a fixed list of choices. */
export function cycle<T>(items: readonly T[], index: number): T {
  if (items.length === 0) throw new Error('cycle: the list is empty')
  return items[((index % items.length) + items.length) % items.length] as T
}
