import { clears, quorumHouseholds, resultOf } from '../../cloudfunctions/core/council/tally'

const yesNo = (quorumPercent: number, threshold: 'majority' | 'twoThirds' = 'majority') => ({
  kind: 'yesNo' as const,
  options: ['同意', '反对', '弃权'],
  householdCount: 36,
  quorumPercent,
  threshold,
})

describe('council: counting a vote', () => {
  test('when exactly half agree, then a majority is not reached; one more and it is', () => {
    expect(clears(10, 20, 'majority')).toBe(false)
    expect(clears(11, 20, 'majority')).toBe(true)
  })

  test('when exactly two thirds agree, then the two-thirds threshold is reached; one fewer and it is not', () => {
    expect(clears(20, 30, 'twoThirds')).toBe(true)
    expect(clears(19, 30, 'twoThirds')).toBe(false)
    expect(clears(0, 0, 'twoThirds')).toBe(false)
  })

  test('when the quorum is a share of households, then it is rounded up (50 % of 35 is 18)', () => {
    expect(quorumHouseholds(35, 50)).toBe(18)
    expect(quorumHouseholds(36, 0)).toBe(0)
  })

  test('when 29 of 36 households take part and 24 agree, then it passes and says so in one sentence', () => {
    expect(resultOf(yesNo(50), [24, 3, 2])).toEqual({
      householdCount: 36,
      turnout: 29,
      quorumMet: true,
      counts: [24, 3, 2],
      passed: true,
      winner: null,
      sentence: '通过：36 户中 29 户参加，24 户同意',
    })
  })

  test('when abstentions take part, then they count against the threshold like 反对', () => {
    expect(resultOf(yesNo(0), [10, 5, 5]).passed).toBe(false)
    expect(resultOf(yesNo(0), [11, 5, 5]).passed).toBe(true)
  })

  test('when too few households take part, then it fails for want of quorum whatever they chose', () => {
    const result = resultOf(yesNo(50), [17, 0, 0])
    expect(result).toMatchObject({
      quorumMet: false,
      passed: false,
      sentence: '未通过：36 户中 17 户参加，不足法定的 18 户',
    })
  })

  test('when nobody votes, then nothing passes, even without a quorum', () => {
    expect(resultOf(yesNo(0), [0, 0, 0])).toMatchObject({ turnout: 0, quorumMet: false, passed: false })
  })

  test('when a choice vote has a tie at the top, then nothing is chosen; a clear majority chooses its option', () => {
    const choice = {
      kind: 'choice' as const,
      options: ['东墙', '西墙', '不装'],
      householdCount: 36,
      quorumPercent: 0,
      threshold: 'majority' as const,
    }
    expect(resultOf(choice, [5, 5, 0])).toMatchObject({ passed: false, winner: null })
    expect(resultOf(choice, [7, 3, 2])).toMatchObject({
      passed: true,
      winner: '东墙',
      sentence: '通过「东墙」：36 户中 12 户参加，7 户选它',
    })
    expect(resultOf(choice, [5, 4, 3])).toMatchObject({
      passed: false,
      sentence: '未通过：36 户中 12 户参加，没有选项达到半数',
    })
  })
})
