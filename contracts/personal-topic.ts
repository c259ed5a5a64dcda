/**
 * Each signed-in person's own realtime topic, `me:<userId>`: it tells their open pages that
 * something about *them* changed, so the tab bar, 首页 and 我的 fetch it again at once. An event
 * carries only the kinds of change — never what changed, whose message it was, or anyone else's data.
 */
export const PERSONAL_TOPIC_KIND = 'me'

/** membership: applied, approved, rejected, ended; roles: granted or revoked; chat: a group of theirs moved. */
export const PERSONAL_CHANGES = ['membership', 'roles', 'notifications', 'chat'] as const
export type PersonalChange = (typeof PERSONAL_CHANGES)[number]

export function personalTopic(userId: string): string {
  return `${PERSONAL_TOPIC_KIND}:${userId}`
}

/** What a live event on a personal topic carries (SSE `data:`). */
export interface PersonalEvent {
  topic: string
  changes: PersonalChange[]
}
