import type { ApiClient, TestRuntime } from './runtime'
import { userIdOf, verifiedResident } from './api-expect'

/** A question that passes every check; override what a test is about. */
export function question(overrides: Record<string, unknown> = {}) {
  return { question: '降压药早上吃还是晚上吃比较好？', category: '慢病', allowPublish: true, ...overrides }
}

/** A new verified resident who has a nickname (so names can be looked for in responses). */
export async function resident(
  t: TestRuntime,
  admin: ApiClient,
  openid: string,
  buildingId: string,
  room: string,
  nickname: string,
) {
  const made = await verifiedResident(t, admin, openid, buildingId, room)
  await made.client.ok('account', 'updateProfile', { nickname })
  return { ...made, nickname, buildingId, room }
}

/** A new columnist (a verified resident the committee gave the role). */
export async function newColumnist(t: TestRuntime, admin: ApiClient, openid: string, nickname = '周医生') {
  const made = await resident(t, admin, openid, 'jsh-3', '303', nickname)
  await admin.ok('account', 'assignRole', { userId: made.userId, role: 'columnist' })
  return made
}

export async function idOf(client: ApiClient): Promise<string> {
  return userIdOf(client)
}
