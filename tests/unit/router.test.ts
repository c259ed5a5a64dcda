import * as z from 'zod'
import { action, noInput } from '../../contracts'
import type { UserDoc } from '../../cloudfunctions/core/account/account.docs'
import { DuplicateKeyError } from '../../cloudfunctions/core/shared/document-store'
import { AppError } from '../../cloudfunctions/core/shared/errors'
import { committee, signedIn } from '../../cloudfunctions/core/shared/policy'
import { MemoryRateLimiter } from '../../cloudfunctions/runtime/rate-limiter'
import { defineFunction } from '../../cloudfunctions/runtime/route'
import { createRouter } from '../../cloudfunctions/runtime/router'
import { memoryDeps } from '../support/memory-deps'
import { firstOf } from '../support/lists'

describe('router', () => {
  const deps = memoryDeps()
  const ran: string[] = []
  const probe = defineFunction(
    'probe',
    {
      echo: action<{ name: string; caller: string }>()(z.strictObject({ name: z.string().max(5) })),
      write: action<{ ok: true }>()(noInput),
      limited: action<{ ok: true }>()(noInput),
      adminOnly: action<{ ok: true }>()(noInput),
      refuse: action<never>()(noInput),
      clash: action<never>()(noInput),
    },
    {
      echo: {
        kind: 'read',
        policy: signedIn,
        run: async (ctx, input) => (ran.push('echo'), { name: input.name, caller: ctx.caller.userId }),
      },
      write: { kind: 'write', policy: signedIn, run: async () => (ran.push('write'), { ok: true as const }) },
      limited: {
        kind: 'read',
        policy: signedIn,
        rateLimit: { max: 2, windowSeconds: 10 },
        run: async () => ({ ok: true as const }),
      },
      adminOnly: { kind: 'read', policy: committee, run: async () => (ran.push('adminOnly'), { ok: true as const }) },
      refuse: {
        kind: 'read',
        policy: signedIn,
        run: async () => {
          throw new AppError('INPUT.INVALID', '房号：没有这个房间', { field: 'room' })
        },
      },
      clash: {
        kind: 'write',
        policy: signedIn,
        run: async () => {
          throw new DuplicateKeyError('memberships', 'm_1')
        },
      },
    },
  )
  const router = createRouter({ deps, functions: [probe as never], rateLimiter: new MemoryRateLimiter() })
  const user: UserDoc = {
    _id: 'u_1',
    openid: 'o_1',
    nickname: '王阿姨',
    largeText: false,
    roles: [],
    membership: null,
    privacyAcceptedVersion: null,
    createdAt: 1,
  }
  const identity = { openid: 'o_1', userId: 'u_1' }
  beforeAll(() => deps.store.insert('users', user))
  beforeEach(() => {
    ran.length = 0
  })

  test('when a valid call arrives, then the use case runs as the identified caller and the reply is 200 ok', async () => {
    expect(await router.dispatch('probe', { action: 'echo', data: { name: 'hi' } }, identity, 'r1')).toEqual({
      status: 200,
      envelope: { ok: true, data: { name: 'hi', caller: 'u_1' } },
    })
  })

  test('when the input is invalid, then 400 comes before anything runs, even without an identity', async () => {
    const reply = await router.dispatch('probe', { action: 'echo', data: { name: 'toolong' } }, null, 'r2')
    expect(reply.status).toBe(400)
    expect(reply.envelope).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID', field: 'name' } })
    expect(ran).toEqual([])
  })

  test('when there is no identity, then 401 and nothing runs', async () => {
    expect(await router.dispatch('probe', { action: 'write' }, null, 'r3')).toMatchObject({
      status: 401,
      envelope: { error: { code: 'AUTH.UNAUTHENTICATED' } },
    })
    expect(ran).toEqual([])
  })

  test('when the policy refuses, then 403 and nothing runs', async () => {
    expect(await router.dispatch('probe', { action: 'adminOnly' }, identity, 'r4')).toMatchObject({
      status: 403,
      envelope: { error: { code: 'AUTH.FORBIDDEN' } },
    })
    expect(ran).toEqual([])
  })

  test('when a use case throws an AppError, then its code, message and field reach the client', async () => {
    expect(await router.dispatch('probe', { action: 'refuse' }, identity, 'r5')).toEqual({
      status: 400,
      envelope: { ok: false, error: { code: 'INPUT.INVALID', message: '房号：没有这个房间', field: 'room' } },
    })
  })

  test('when a write clashes on a unique key, then 409 CONFLICT', async () => {
    expect(await router.dispatch('probe', { action: 'clash' }, identity, 'r6')).toMatchObject({
      status: 409,
      envelope: { error: { code: 'CONFLICT' } },
    })
  })

  test('when a route sets a rate limit, then the extra call is 429 with retryAfterSeconds until the clock moves on', async () => {
    const limitedIdentity = { openid: 'o_2', userId: 'u_2' }
    await deps.store.insert('users', { ...user, _id: 'u_2', openid: 'o_2' })
    for (let i = 0; i < 2; i++)
      expect((await router.dispatch('probe', { action: 'limited' }, limitedIdentity, `l${i}`)).status).toBe(200)
    const refused = await router.dispatch('probe', { action: 'limited' }, limitedIdentity, 'l3')
    expect(refused).toMatchObject({ status: 429, envelope: { error: { code: 'RATE.LIMITED', retryAfterSeconds: 10 } } })
    deps.clock.advance(10_000)
    expect((await router.dispatch('probe', { action: 'limited' }, limitedIdentity, 'l4')).status).toBe(200)
  })

  test('when writes have no limit of their own, then 30 a minute per person are allowed', async () => {
    const writer = { openid: 'o_3', userId: 'u_3' }
    await deps.store.insert('users', { ...user, _id: 'u_3', openid: 'o_3' })
    for (let i = 0; i < 30; i++)
      expect((await router.dispatch('probe', { action: 'write' }, writer, `w${i}`)).status).toBe(200)
    expect((await router.dispatch('probe', { action: 'write' }, writer, 'w31')).status).toBe(429)
    // Reads are not limited by default.
    for (let i = 0; i < 40; i++)
      expect((await router.dispatch('probe', { action: 'echo', data: { name: 'a' } }, writer, `e${i}`)).status).toBe(
        200,
      )
  })

  test('when the body is malformed, then the reply says what is wrong without running anything', async () => {
    expect((await router.dispatch('probe', null, identity, 'b1')).envelope).toMatchObject({
      error: { code: 'INPUT.INVALID', field: 'action' },
    })
    expect((await router.dispatch('probe', { action: 'echo', extra: 1 }, identity, 'b2')).envelope).toMatchObject({
      error: { code: 'INPUT.INVALID', field: 'extra' },
    })
    expect(await router.dispatch('nope', { action: 'echo' }, identity, 'b3')).toMatchObject({
      status: 404,
      envelope: { error: { code: 'NOT_FOUND.FUNCTION' } },
    })
    expect(await router.dispatch('probe', { action: 'hasOwnProperty' }, identity, 'b4')).toMatchObject({
      status: 404,
      envelope: { error: { code: 'NOT_FOUND.ACTION' } },
    })
    expect(ran).toEqual([])
  })

  test('when the caller was deleted, then ACCOUNT.DELETED', async () => {
    await deps.store.insert('users', { ...user, _id: 'u_4', openid: 'o_4', deletedAt: 5 })
    expect(
      await router.dispatch('probe', { action: 'echo', data: { name: 'a' } }, { openid: 'o_4', userId: 'u_4' }, 'd1'),
    ).toMatchObject({
      status: 401,
      envelope: { error: { code: 'ACCOUNT.DELETED' } },
    })
  })

  test('when the platform gives only an openid (CloudBase), then a first-time caller gets an account', async () => {
    const reply = await router.dispatch('probe', { action: 'echo', data: { name: 'a' } }, { openid: 'wx-new' }, 'c1')
    expect(reply.status).toBe(200)
    const created = firstOf(await deps.store.find('users', { openid: 'wx-new' }))
    expect(reply.envelope).toMatchObject({ data: { caller: created._id } })
  })
})
