import type { ApiClient, TestRuntime } from './runtime'
import { userIdOf, verifiedResident } from './api-expect'
import { cycle } from './lists'

/** A complete, valid sign-up; override what a test is about. */
export function profileInput(overrides: Record<string, unknown> = {}) {
  return {
    nickname: '小伙伴',
    ageBand: '26-35',
    interests: ['读书', '摄影'],
    tags: ['咖啡'],
    skills: ['教老人用手机'],
    workplace: '张江科技园',
    availability: ['weekend'],
    consent: true,
    ...overrides,
  }
}

/** A new verified resident of `buildingId` who signs up as a buddy. */
export async function newBuddy(
  t: TestRuntime,
  admin: ApiClient,
  openid: string,
  buildingId: string,
  room: string,
  overrides: Record<string, unknown> = {},
) {
  const resident = await verifiedResident(t, admin, openid, buildingId, room)
  await resident.client.ok('buddies', 'signUp', profileInput(overrides))
  return resident
}

/** Rooms that exist in every building of every estate (floors 1–5, units 1–3; 梅村 8号楼 has no 101), handed out in turn per building (a household may have several residents). */
export function roomFactory() {
  const rooms = ['102', '103', '201', '202', '203', '301', '302', '303', '401', '402', '403', '501', '502', '503']
  const used = new Map<string, number>()
  return (buildingId: string): string => {
    const n = used.get(buildingId) ?? 0
    used.set(buildingId, n + 1)
    return cycle(rooms, n)
  }
}

export { userIdOf }
