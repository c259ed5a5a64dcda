import type { EventDetail } from '../../contracts'
import { userIdOf } from './api-expect'
import type { ApiClient, TestRuntime } from './runtime'

export const HOUR = 3600_000
export const DAY = 24 * HOUR

/** A valid create input, starting `inDays` days after `now`, for two hours. Override anything. */
export function eventInput(now: number, overrides: Record<string, unknown> = {}, inDays = 3): Record<string, unknown> {
  const startAt = now + inDays * DAY
  return {
    title: '读书会',
    description: '带上一本书，和邻居聊聊。',
    place: '5号楼一楼活动室',
    startAt,
    endAt: startAt + 2 * HOUR,
    capacity: 20,
    audience: 'neighbourhood',
    ...overrides,
  }
}

export async function createEvent(client: ApiClient, input: Record<string, unknown>): Promise<EventDetail> {
  return (await client.ok('events', 'create', input)).event as EventDetail
}

/** The rooms of a 金上海家园 building: 101…606. */
const ROOMS = Array.from({ length: 36 }, (_, i) => `${Math.floor(i / 6) + 1}0${(i % 6) + 1}`)

export interface Resident {
  client: ApiClient
  userId: string
  openid: string
}

/**
 * `count` brand-new verified residents (dev login + the lobby's join code), spread over the
 * 金上海家园 buildings or all in `buildingId`. Made a few dozen at a time.
 */
export async function makeResidents(
  t: TestRuntime,
  admin: ApiClient,
  prefix: string,
  count: number,
  buildingId?: string,
): Promise<Resident[]> {
  const codes = new Map<string, string>()
  const codeOf = async (b: string) => {
    if (!codes.has(b)) codes.set(b, (await admin.ok('account', 'joinPoster', { buildingId: b })).joinCode)
    return codes.get(b) as string
  }
  const made: Resident[] = []
  for (let start = 0; start < count; start += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async (_, j) => {
        const i = start + j
        const openid = `t-${prefix}-${i + 1}`
        const building = buildingId ?? `jsh-${(i % 17) + 1}`
        const client = await t.login(openid, `邻居${i + 1}`)
        const membership = await client.ok('account', 'applyToBuilding', {
          buildingId: building,
          room: ROOMS[i % ROOMS.length],
          joinCode: await codeOf(building),
        })
        if (membership.status !== 'verified') throw new Error(`resident ${openid} not verified`)
        return { client, userId: await userIdOf(client), openid }
      }),
    )
    made.push(...batch)
  }
  return made
}

/** An interest group with an organiser and members, inserted directly (the buddies feature creates them in the app). */
export async function makeInterestGroup(
  t: TestRuntime,
  groupId: string,
  organiserId: string,
  memberIds: readonly string[],
  now: number,
): Promise<void> {
  const store = t.runtime.deps.store
  // Shaped as the buddies feature stores them (with interests).
  await store.insert('groups', {
    _id: groupId,
    kind: 'interest',
    buildingId: null,
    name: `兴趣小组${groupId}`,
    description: '测试用',
    interests: ['合唱'],
    createdAt: now,
    createdBy: organiserId,
  })
  for (const [userId, role] of [
    [organiserId, 'organiser'] as const,
    ...memberIds.map((id) => [id, 'member'] as const),
  ]) {
    await store.insert('group_members', {
      _id: `${groupId}:${userId}`,
      groupId,
      userId,
      role,
      joinedAt: now,
    })
  }
}
