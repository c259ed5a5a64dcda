import type { ErrorBody } from '../../contracts'
import type { ApiClient, CallResult, TestRuntime } from './runtime'

/** Any CJK ideograph: error messages are for people, in Simplified Chinese. */
export const CHINESE = /[\u4e00-\u9fff]/

/** The error body of a failed call; fails the test if the call succeeded. */
export function errorOf(result: CallResult): ErrorBody {
  if (result.body.ok)
    throw new Error(`expected a failure, got ${result.status} ${JSON.stringify(result.body.data).slice(0, 300)}`)
  return result.body.error
}

/** Status, code, (field) and a Chinese message. */
export function expectError(result: CallResult, status: number, code: string, field?: string): ErrorBody {
  const error = errorOf(result)
  expect({ status: result.status, code: error.code }).toEqual({ status, code })
  if (field !== undefined) expect(error.field).toBe(field)
  expect(error.message).toMatch(CHINESE)
  return error
}

/** Runs `work` and checks that not one stored document changed. */
export async function expectUnchanged<T>(t: TestRuntime, work: () => Promise<T>): Promise<T> {
  const before = t.dbHash()
  const result = await work()
  expect(t.dbHash()).toBe(before)
  return result
}

/** Fresh openids for new users, unique within a runtime: `t-<prefix>-<n>`. */
export function openidFactory(prefix: string): () => string {
  let n = 0
  return () => `t-${prefix}-${++n}`
}

export async function userIdOf(client: ApiClient): Promise<string> {
  const me = await client.ok('account', 'me')
  return me.userId as string
}

/** A new user, verified in `buildingId` with the lobby's current join code. */
export async function verifiedResident(
  t: TestRuntime,
  admin: ApiClient,
  openid: string,
  buildingId: string,
  room: string,
) {
  const client = await t.login(openid)
  const poster = await admin.ok('account', 'joinPoster', { buildingId })
  const membership = await client.ok('account', 'applyToBuilding', { buildingId, room, joinCode: poster.joinCode })
  expect(membership.status).toBe('verified')
  return { client, userId: await userIdOf(client), membershipId: membership.membershipId as string }
}

/** A new user with a pending application to `buildingId`. */
export async function pendingApplicant(t: TestRuntime, openid: string, buildingId: string, room: string) {
  const client = await t.login(openid)
  const membership = await client.ok('account', 'applyToBuilding', { buildingId, room })
  expect(membership.status).toBe('pending')
  return { client, userId: await userIdOf(client), membershipId: membership.membershipId as string }
}
