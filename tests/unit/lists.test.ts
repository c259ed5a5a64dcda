import { cycle, firstOf, lastOf } from '../../cloudfunctions/core/shared/lists'

describe('list helpers for lists known not to be empty', () => {
  test('when a list has items, then firstOf and lastOf give its ends', () => {
    expect(firstOf([3, 4, 5])).toBe(3)
    expect(lastOf([3, 4, 5])).toBe(5)
  })

  test('when the list is empty after all, then they throw instead of passing undefined along', () => {
    expect(() => firstOf([])).toThrow('empty')
    expect(() => lastOf([])).toThrow('empty')
  })

  test('when cycling through choices, then the index wraps around in both directions', () => {
    expect([0, 1, 2, 3, 4].map((i) => cycle(['a', 'b', 'c'], i))).toEqual(['a', 'b', 'c', 'a', 'b'])
    expect(cycle(['a', 'b', 'c'], -1)).toBe('c')
  })
})
