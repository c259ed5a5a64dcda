import type { VoteView } from '../../contracts'
import type { ApiClient } from './runtime'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE

/** A resident of the building raises a matter; its id. */
export async function raiseMatter(
  client: ApiClient,
  title = '楼道里装一个健康宣传栏',
  text = '一楼大堂东墙空着，装一个宣传栏，贴健康知识和通知。',
): Promise<string> {
  return (await client.ok('council', 'raiseMatter', { title, text })).matter.matterId as string
}

/** The leader opens a yes/no vote closing in `closesInMs`. Override anything. */
export async function openVote(
  leader: ApiClient,
  matterId: string,
  now: number,
  overrides: Record<string, unknown> = {},
  closesInMs = 2 * HOUR,
): Promise<VoteView> {
  return (
    await leader.ok('council', 'openVote', {
      matterId,
      kind: 'yesNo',
      secret: false,
      closesAt: now + closesInMs,
      quorumPercent: 50,
      threshold: 'majority',
      ...overrides,
    })
  ).vote as VoteView
}
