import type { VoteResult, VoteThreshold } from '../../../contracts'

/** Whether `count` of `cast` households clears the threshold. */
export function clears(count: number, cast: number, threshold: VoteThreshold): boolean {
  if (cast === 0) return false
  return threshold === 'twoThirds' ? count * 3 >= cast * 2 : count * 2 > cast
}

/** Households that must take part for the result to stand: the quorum share, rounded up. */
export function quorumHouseholds(householdCount: number, quorumPercent: number): number {
  return Math.ceil((householdCount * quorumPercent) / 100)
}

/**
 * The result of a closed vote from its counts (households per option). A yes/no vote passes when
 * quorum is met and 同意 clears the threshold among the households that took part (弃权 takes
 * part, so it weighs like 反对). A choice vote chooses the option with the most households if it
 * clears the threshold and is alone at the top.
 */
export function resultOf(
  vote: {
    kind: 'yesNo' | 'choice'
    options: readonly string[]
    householdCount: number
    quorumPercent: number
    threshold: VoteThreshold
  },
  counts: readonly number[],
): VoteResult {
  const turnout = counts.reduce((a, b) => a + b, 0)
  const quorumMet = turnout > 0 && turnout >= quorumHouseholds(vote.householdCount, vote.quorumPercent)
  const top = Math.max(0, ...counts)
  const leaders = counts.filter((c) => c === top).length
  const topIndex = counts.indexOf(top)
  let passed: boolean
  let winner: string | null = null
  if (vote.kind === 'yesNo') {
    passed = quorumMet && clears(counts[0] ?? 0, turnout, vote.threshold)
  } else {
    passed = quorumMet && leaders === 1 && clears(top, turnout, vote.threshold)
    if (passed) winner = vote.options[topIndex] ?? null
  }
  const base = `${vote.householdCount} 户中 ${turnout} 户参加`
  let sentence: string
  if (!quorumMet)
    sentence = `未通过：${base}，不足法定的 ${quorumHouseholds(vote.householdCount, vote.quorumPercent)} 户`
  else if (vote.kind === 'yesNo') sentence = `${passed ? '通过' : '未通过'}：${base}，${counts[0] ?? 0} 户同意`
  else if (passed && winner !== null) sentence = `通过「${winner}」：${base}，${top} 户选它`
  else sentence = `未通过：${base}，没有选项达到${vote.threshold === 'twoThirds' ? '三分之二' : '半数'}`
  return { householdCount: vote.householdCount, turnout, quorumMet, counts: [...counts], passed, winner, sentence }
}
