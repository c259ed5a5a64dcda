import type { AnnouncementDetail, AnnouncementSummary, ReachView } from '../../contracts'
import { userIdOf } from './api-expect'
import type { ApiClient, TestRuntime } from './runtime'

/** A new user made leader of `buildingId` by the committee (not a resident: leading needs no room). */
export async function freshLeader(t: TestRuntime, admin: ApiClient, openid: string, buildingId: string) {
  const client = await t.login(openid)
  const userId = await userIdOf(client)
  await admin.ok('account', 'assignRole', { userId, role: 'leader', buildingId })
  return { client, userId }
}

export function notice(buildingId: string, extra: Record<string, unknown> = {}) {
  return { audience: { buildingId }, title: '电梯年检', body: '周六上午 9 点到 11 点电梯年检，请走楼梯。', ...extra }
}

export async function publish(client: ApiClient, data: Record<string, unknown>): Promise<AnnouncementDetail> {
  return client.ok<AnnouncementDetail>('announcements', 'publish', data)
}

/** The caller's whole feed (every page), or one building's with `filter`. */
export async function feed(client: ApiClient, data: Record<string, unknown> = {}): Promise<AnnouncementSummary[]> {
  const items: AnnouncementSummary[] = []
  let before: string | undefined
  do {
    const page = await client.ok('announcements', 'list', before ? { ...data, before } : data)
    items.push(...page.items)
    before = page.nextBefore
  } while (before)
  return items
}

/** Ids of `items` that are among `ours`, in feed order. */
export function onlyOurs(items: readonly AnnouncementSummary[], ours: readonly string[]): string[] {
  return items.map((i) => i.announcementId).filter((id) => ours.includes(id))
}

export async function reachOf(client: ApiClient, announcementId: string): Promise<ReachView> {
  return client.ok<ReachView>('announcements', 'reach', { announcementId })
}
