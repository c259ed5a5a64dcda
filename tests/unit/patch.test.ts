import type { Doc } from '../../cloudfunctions/core/shared/document-store'
import { applyPatch, assertFieldPath, matchesFilter, readPath } from '../../cloudfunctions/core/shared/patch'

describe('applyPatch', () => {
  const doc: Doc = { _id: 'e1', title: '讲座', capacity: 10, counts: { going: 3 }, tags: ['health'], note: 'x' }

  test('when a dotted path is set, then nested objects are created as needed and the original is untouched', () => {
    const next = applyPatch(doc, { set: { 'counts.waiting': 2, 'place.room': '活动室', title: '健康讲座' } })
    expect(next).toEqual({ ...doc, title: '健康讲座', counts: { going: 3, waiting: 2 }, place: { room: '活动室' } })
    expect(doc).toEqual({ _id: 'e1', title: '讲座', capacity: 10, counts: { going: 3 }, tags: ['health'], note: 'x' })
  })

  test('when a path runs through a scalar or array, then it is replaced by an object', () => {
    expect(applyPatch(doc, { set: { 'title.zh': '讲座' } }).title).toEqual({ zh: '讲座' })
    expect(applyPatch(doc, { set: { 'tags.first': 'a' } }).tags).toEqual({ first: 'a' })
  })

  test('when a value is set, then later changes to the value do not reach the document', () => {
    const value = { a: 1 }
    const next = applyPatch(doc, { set: { meta: value } })
    value.a = 2
    expect(next.meta).toEqual({ a: 1 })
  })

  test('when fields are incremented, then numbers add up and a missing or non-number field starts at 0', () => {
    const next = applyPatch(doc, { inc: { 'counts.going': 1, capacity: -2, 'counts.checkedIn': 1, note: 5 } })
    expect(next).toMatchObject({ capacity: 8, counts: { going: 4, checkedIn: 1 }, note: 5 })
  })

  test('when set and inc touch the same field, then inc applies after set', () => {
    expect(applyPatch(doc, { set: { capacity: 20 }, inc: { capacity: 1 } }).capacity).toBe(21)
  })

  test('when fields are unset, then they are removed, dotted paths included, and missing ones are ignored', () => {
    const next = applyPatch(doc, { unset: ['note', 'counts.going', 'nothing.here', 'title.deeper'] })
    expect(next).toEqual({ _id: 'e1', title: '讲座', capacity: 10, counts: {}, tags: ['health'] })
  })

  test('when a patch tries to change _id, then it throws', () => {
    expect(() => applyPatch(doc, { set: { _id: 'other' } })).toThrow(/_id/)
  })

  test.each([
    '__proto__',
    'a.__proto__.x',
    'constructor.prototype',
    'a.prototype',
    'a..b',
    '1abc',
    'a-b',
    '',
    'a.b;DROP',
  ])('when the path is %p, then it is refused before anything is written', (path) => {
    expect(() => applyPatch(doc, { set: { [path]: 1 } })).toThrow(/invalid field path/)
    expect(() => applyPatch(doc, { inc: { [path]: 1 } })).toThrow(/invalid field path/)
    expect(() => applyPatch(doc, { unset: [path] })).toThrow(/invalid field path/)
    expect(({} as Record<string, unknown>).x).toBeUndefined()
  })

  test('when paths are well formed, then assertFieldPath accepts them', () => {
    for (const path of ['_id', 'a', 'a_b', 'counts.going', 'answers.0', 'A1.b2'])
      expect(() => assertFieldPath(path)).not.toThrow()
  })
})

describe('readPath', () => {
  test('when reading dotted paths, then only own object properties are followed, never arrays or prototypes', () => {
    const doc = { _id: 'x', a: { b: { c: 1 } }, list: [{ v: 1 }] }
    expect(readPath(doc, 'a.b.c')).toBe(1)
    expect(readPath(doc, 'a.b')).toEqual({ c: 1 })
    expect(readPath(doc, 'a.x.c')).toBeUndefined()
    expect(readPath(doc, 'list.0')).toBeUndefined()
    expect(readPath(doc, 'a.toString')).toBeUndefined()
    expect(readPath(doc, 'constructor')).toBeUndefined()
  })
})

describe('matchesFilter', () => {
  const doc: Doc = { _id: 'm1', status: 'pending', count: 5, flag: true, readAt: null, user: { id: 'u1', age: 30 } }

  test('when filtering by equality, then every field must match, dotted paths included', () => {
    expect(matchesFilter(doc, {})).toBe(true)
    expect(matchesFilter(doc, { status: 'pending', 'user.id': 'u1', flag: true })).toBe(true)
    expect(matchesFilter(doc, { status: 'pending', 'user.id': 'u2' })).toBe(false)
    expect(matchesFilter(doc, { count: '5' })).toBe(false)
    expect(matchesFilter(doc, { flag: 1 })).toBe(false)
  })

  test('when filtering for null, then a null field and a missing field both match, a present value does not', () => {
    expect(matchesFilter(doc, { readAt: null })).toBe(true)
    expect(matchesFilter(doc, { missing: null })).toBe(true)
    expect(matchesFilter(doc, { 'user.missing': null })).toBe(true)
    expect(matchesFilter(doc, { status: null })).toBe(false)
  })

  test('when filtering with $ne, then null means "present and not null", and a missing field is not equal to a value', () => {
    expect(matchesFilter(doc, { readAt: { $ne: null } })).toBe(false)
    expect(matchesFilter(doc, { missing: { $ne: null } })).toBe(false)
    expect(matchesFilter(doc, { status: { $ne: null } })).toBe(true)
    expect(matchesFilter(doc, { status: { $ne: 'pending' } })).toBe(false)
    expect(matchesFilter(doc, { missing: { $ne: 'pending' } })).toBe(true)
  })

  test('when filtering with $in, then any listed value matches, null in the list matches missing, and an empty list matches nothing', () => {
    expect(matchesFilter(doc, { status: { $in: ['verified', 'pending'] } })).toBe(true)
    expect(matchesFilter(doc, { status: { $in: ['verified'] } })).toBe(false)
    expect(matchesFilter(doc, { missing: { $in: [null, 'x'] } })).toBe(true)
    expect(matchesFilter(doc, { readAt: { $in: [null] } })).toBe(true)
    expect(matchesFilter(doc, { status: { $in: [] } })).toBe(false)
    expect(matchesFilter(doc, { _id: { $in: ['m1', 'm2'] } })).toBe(true)
  })

  test('when filtering by range, then bounds are inclusive or exclusive as named and combine', () => {
    expect(matchesFilter(doc, { count: { $gt: 4 } })).toBe(true)
    expect(matchesFilter(doc, { count: { $gt: 5 } })).toBe(false)
    expect(matchesFilter(doc, { count: { $gte: 5, $lte: 5 } })).toBe(true)
    expect(matchesFilter(doc, { count: { $gt: 1, $lt: 5 } })).toBe(false)
    expect(matchesFilter(doc, { 'user.age': { $lt: 31 } })).toBe(true)
    expect(matchesFilter(doc, { status: { $gte: 'p', $lt: 'q' } })).toBe(true)
  })

  test('when a range meets a missing field, null, or another type, then it does not match', () => {
    expect(matchesFilter(doc, { missing: { $gt: 0 } })).toBe(false)
    expect(matchesFilter(doc, { readAt: { $lt: 100 } })).toBe(false)
    expect(matchesFilter(doc, { status: { $gt: 0 } })).toBe(false)
    expect(matchesFilter(doc, { count: { $gt: 'a' } })).toBe(false)
  })

  test('when conditions are combined in one field, then all must hold', () => {
    expect(matchesFilter(doc, { count: { $gt: 0, $ne: 5 } })).toBe(false)
    expect(matchesFilter(doc, { count: { $in: [5, 6], $lt: 6 } })).toBe(true)
  })
})
