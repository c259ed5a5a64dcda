import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import * as z from 'zod'
import { action, noInput } from '../../contracts'
import type { UserDoc } from '../../cloudfunctions/core/account/account.docs'
import { signedIn } from '../../cloudfunctions/core/shared/policy'
import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import type { RateLimiter } from '../../cloudfunctions/runtime/rate-limiter'
import {
  DEFAULT_WRITE_LIMIT,
  defineFunction,
  type FunctionDefinition,
  type Route,
} from '../../cloudfunctions/runtime/route'
import { createRouter } from '../../cloudfunctions/runtime/router'
import { validInput } from '../support/fuzz'
import { memoryDeps } from '../support/memory-deps'
import { at, entryOf, firstOf } from '../support/lists'

const ROOT = path.resolve(__dirname, '../..')
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

describe('hardening: rate limits', () => {
  /** Every route of every function as the router would run it, but allowed to anyone and with a use case that only records. */
  function probes(ran: string[]): FunctionDefinition[] {
    return ALL_FUNCTIONS.map((definition) => ({
      ...definition,
      routes: Object.fromEntries(
        Object.entries(definition.routes).map(([name, route]) => [
          name,
          {
            ...(route as Route<never>),
            policy: signedIn,
            run: async () => (ran.push(`${definition.name}.${name}`), {}),
          },
        ]),
      ),
    })) as FunctionDefinition[]
  }

  test('when any write action is called by someone over their limit, then RATE.LIMITED and the use case never runs; reads are not limited unless they say so', async () => {
    const deps = memoryDeps()
    await deps.store.insert('users', user)
    const ran: string[] = []
    const consulted: Array<{ key: string; max: number; windowMs: number }> = []
    const alwaysOver: RateLimiter = {
      hit: (key, max, windowMs) => (consulted.push({ key, max, windowMs }), { allowed: false, retryAfterSeconds: 7 }),
    }
    const router = createRouter({ deps, functions: probes(ran), rateLimiter: alwaysOver })
    const problems: string[] = []
    let writes = 0
    for (const definition of ALL_FUNCTIONS) {
      for (const [name, route] of Object.entries(definition.routes)) {
        const [data] = fc.sample(validInput(entryOf(definition.contract, name).input, { knownIds: [] }), {
          numRuns: 1,
          seed: 7,
        })
        consulted.length = 0
        const reply = await router.dispatch(
          definition.name,
          { action: name, data },
          { openid: 'o_1', userId: 'u_1' },
          'r',
        )
        const label = `${definition.name}.${name} (${route.kind})`
        const declared = route.rateLimit ?? (route.kind === 'write' ? DEFAULT_WRITE_LIMIT : undefined)
        if (!declared) {
          if (!reply.envelope.ok)
            problems.push(`${label}: a read without a limit was refused: ${JSON.stringify(reply.envelope)}`)
          continue
        }
        if (route.kind === 'write') writes++
        if (
          reply.status !== 429 ||
          reply.envelope.ok ||
          reply.envelope.error.code !== 'RATE.LIMITED' ||
          reply.envelope.error.retryAfterSeconds !== 7
        ) {
          problems.push(`${label}: not limited: ${reply.status} ${JSON.stringify(reply.envelope)}`)
        }
        if (consulted.length !== 1 || !at(consulted, 0).key.startsWith(`u_1:${definition.name}.${name}`))
          problems.push(`${label}: limiter key ${JSON.stringify(consulted)}`)
        else if (at(consulted, 0).max !== declared.max || at(consulted, 0).windowMs !== declared.windowSeconds * 1000)
          problems.push(`${label}: limit not the declared one`)
        // Generous is fine (a page marking as it scrolls); unbounded is not: at most 5 a second on average, over at least 10 s.
        if (declared.max / declared.windowSeconds > 5 || declared.windowSeconds < 10)
          problems.push(`${label}: limit ${declared.max}/${declared.windowSeconds}s is too loose`)
      }
    }
    expect(problems).toEqual([])
    expect(
      ran.filter(
        (key) =>
          ALL_FUNCTIONS.find((d) => d.name === firstOf(key.split('.')))?.routes[at(key.split('.'), 1)]?.kind ===
          'write',
      ),
    ).toEqual([])
    expect(writes).toBeGreaterThan(50)
  })
})

describe('hardening: timeouts', () => {
  test('when a use case is still running after the router’s timeout, then 503 TIMEOUT with a request id to quote, and the call is logged with that code', async () => {
    const deps = memoryDeps()
    await deps.store.insert('users', user)
    const logged: Array<Record<string, unknown>> = []
    deps.log = { info: (fields) => logged.push(fields), warn: () => undefined, error: (fields) => logged.push(fields) }
    const stuck = defineFunction(
      'stuck',
      { wait: action<never>()(noInput), echo: action<{ n: number }>()(z.strictObject({ n: z.number() })) },
      {
        wait: { kind: 'read', policy: signedIn, run: () => new Promise<never>(() => undefined) },
        echo: { kind: 'read', policy: signedIn, run: async (_ctx, input) => ({ n: input.n }) },
      },
    )
    const router = createRouter({
      deps,
      functions: [stuck as never],
      rateLimiter: { hit: () => ({ allowed: true, retryAfterSeconds: 0 }) },
      timeoutMs: 20,
    })
    const reply = await router.dispatch('stuck', { action: 'wait' }, { openid: 'o_1', userId: 'u_1' }, 'req-42')
    expect(reply).toEqual({
      status: 503,
      envelope: { ok: false, error: { code: 'TIMEOUT', message: '服务繁忙，请稍后再试', requestId: 'req-42' } },
    })
    expect(logged).toEqual([
      expect.objectContaining({ requestId: 'req-42', fn: 'stuck', action: 'wait', status: 503, code: 'TIMEOUT' }),
    ])
    // The next call is not held up by the one still hanging.
    expect(
      (await router.dispatch('stuck', { action: 'echo', data: { n: 1 } }, { openid: 'o_1', userId: 'u_1' }, 'req-43'))
        .envelope,
    ).toEqual({ ok: true, data: { n: 1 } })
  })
})

describe('hardening: secrets stay out of the repository', () => {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean)

  test('when the tracked files are listed, then none is a key, a token secret, an env file or a local database', () => {
    const SECRET_LIKE =
      /(^|\/)(secret\.key|.*\.(pem|key|p12|pfx|keystore)|\.env(\..+)?|id_(rsa|ecdsa|ed25519)(\.pub)?|.*\.db(-wal|-shm)?)$/i
    expect(tracked.filter((file) => SECRET_LIKE.test(file) || file.startsWith('.data/'))).toEqual([])
    // And they never will be by accident: the places they are made are ignored.
    const ignore = fs
      .readFileSync(path.join(ROOT, '.gitignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
    expect(ignore).toEqual(expect.arrayContaining(['.data/', '.env']))
  })

  test('when the tracked text is searched, then it holds no private key and no Tencent Cloud secret', () => {
    const offending: string[] = []
    for (const file of tracked) {
      if (/\.(png|jpg|jpeg|gif|ico|woff2?|ttf)$/i.test(file)) continue
      const full = path.join(ROOT, file)
      if (!fs.existsSync(full) || fs.statSync(full).size > 2_000_000) continue
      const content = fs.readFileSync(full, 'utf8')
      if (/-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/.test(content)) offending.push(`${file}: private key`)
      // A Tencent Cloud SecretId is AKID followed by 32 letters and digits.
      if (/AKID[A-Za-z0-9]{32}/.test(content)) offending.push(`${file}: Tencent Cloud SecretId`)
    }
    expect(offending).toEqual([])
  })
})
