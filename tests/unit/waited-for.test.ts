import { waitedFor } from '../../src/utils/time'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('how long a question has waited, as the doctor’s inbox says it', () => {
  const asked = Date.UTC(2026, 11, 1, 2, 0)
  test.each([
    [0, '0 分钟'],
    [59 * MINUTE, '59 分钟'],
    [HOUR, '1 小时'],
    [2 * HOUR + 5 * MINUTE, '2 小时 5 分钟'],
    [24 * HOUR, '1 天'],
    [3 * 24 * HOUR + 4 * HOUR + 30 * MINUTE, '3 天 4 小时'],
  ])('when it has waited %i ms, then it reads “%s”', (waited, words) => {
    expect(waitedFor(asked, asked + waited)).toBe(words)
  })

  test('when the phone’s clock is behind the server’s, then it reads 0 分钟, never a negative time', () => {
    expect(waitedFor(asked, asked - 5 * MINUTE)).toBe('0 分钟')
  })
})
