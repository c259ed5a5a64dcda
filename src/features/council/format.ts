import dayjs from 'dayjs'
import { THRESHOLD_NAMES, type VoteView } from '../../../contracts'

export function closesLabel(closesAt: number): string {
  return `${dayjs(closesAt).format('M月D日 HH:mm')} 截止`
}

/** The rules of a vote in one line, e.g. 不记名 · 一半的户参加才有效 · 过半数同意通过 */
export function rulesLine(vote: Pick<VoteView, 'secret' | 'quorumPercent' | 'threshold' | 'kind'>): string {
  const quorum = vote.quorumPercent > 0 ? `${vote.quorumPercent}% 的户参加才有效` : '不设参加户数'
  const pass =
    vote.kind === 'yesNo'
      ? `${THRESHOLD_NAMES[vote.threshold]}同意通过`
      : `得票${THRESHOLD_NAMES[vote.threshold]}的选项当选`
  return `${vote.secret ? '不记名' : '记名'} · ${quorum} · ${pass}`
}
