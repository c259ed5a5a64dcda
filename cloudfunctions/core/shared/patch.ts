import type { Doc, DocValue, Filter, Patch, RangeCondition, Scalar } from './document-store'
import { lastOf } from './lists'

/**
 * Pure helpers over plain documents: reading dotted paths, applying a Patch, evaluating a
 * Filter. The SQLite adapter applies patches in JS inside its transaction; tests use the
 * matcher to check adapters agree.
 */

const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

export function assertFieldPath(path: string): void {
  if (
    !FIELD_PATH.test(path) ||
    path.split('.').some((part) => part === '__proto__' || part === 'constructor' || part === 'prototype')
  ) {
    throw new Error(`invalid field path: ${path}`)
  }
}

export function readPath(doc: unknown, path: string): DocValue | undefined {
  let current: unknown = doc
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined
    current = (current as Record<string, unknown>)[part]
  }
  return current as DocValue | undefined
}

function writePath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.')
  let current = doc
  for (const part of parts.slice(0, -1)) {
    const next = current[part]
    if (next === null || typeof next !== 'object' || Array.isArray(next)) current[part] = {}
    current = current[part] as Record<string, unknown>
  }
  current[lastOf(parts)] = value
}

function removePath(doc: Record<string, unknown>, path: string): void {
  const parts = path.split('.')
  let current: unknown = doc
  for (const part of parts.slice(0, -1)) {
    if (current === null || typeof current !== 'object') return
    current = (current as Record<string, unknown>)[part]
  }
  if (current !== null && typeof current === 'object') delete (current as Record<string, unknown>)[lastOf(parts)]
}

/** Documents are JSON, so a JSON round trip is a faithful deep copy (and runs on every Node, unlike structuredClone on CloudBase's Node 16). */
function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/** A new document with the patch applied; `_id` cannot change. */
export function applyPatch<T extends Doc>(doc: T, patch: Patch): T {
  const next = jsonCopy(doc) as Record<string, unknown>
  for (const [path, value] of Object.entries(patch.set ?? {})) {
    assertFieldPath(path)
    if (path === '_id') throw new Error('cannot change _id')
    writePath(next, path, jsonCopy(value))
  }
  for (const [path, amount] of Object.entries(patch.inc ?? {})) {
    assertFieldPath(path)
    const before = readPath(next, path)
    writePath(next, path, (typeof before === 'number' ? before : 0) + amount)
  }
  for (const path of patch.unset ?? []) {
    assertFieldPath(path)
    removePath(next, path)
  }
  return next as T
}

function isCondition(value: Scalar | RangeCondition): value is RangeCondition {
  return value !== null && typeof value === 'object'
}

function compare(a: DocValue | undefined, b: Scalar): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  return null
}

function equals(a: DocValue | undefined, b: Scalar): boolean {
  if (b === null) return a === null || a === undefined
  return a === b
}

/** Whether a document satisfies a filter, with the semantics both adapters implement. */
export function matchesFilter(doc: Doc, filter: Filter): boolean {
  for (const [path, expected] of Object.entries(filter)) {
    const actual = readPath(doc, path)
    if (!isCondition(expected)) {
      if (!equals(actual, expected)) return false
      continue
    }
    if (expected.$ne !== undefined && equals(actual, expected.$ne)) return false
    if (expected.$in !== undefined && !expected.$in.some((v) => equals(actual, v))) return false
    const bounds: Array<[Scalar | undefined, (c: number) => boolean]> = [
      [expected.$gt, (c) => c > 0],
      [expected.$gte, (c) => c >= 0],
      [expected.$lt, (c) => c < 0],
      [expected.$lte, (c) => c <= 0],
    ]
    for (const [bound, ok] of bounds) {
      if (bound === undefined) continue
      const c = compare(actual, bound)
      if (c === null || !ok(c)) return false
    }
  }
  return true
}
