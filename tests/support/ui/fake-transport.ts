/**
 * The transport the ui tier's pages and hooks call through (jest.config.js maps
 * src/platform/transport here for the ui project). By default each call goes to a real local core
 * (functions, router, SQLite in memory, demo seed) as the signed-in persona, so pages see real
 * data; a test can make one action fail, fail the network, answer differently, or hang to show
 * the loading state.
 */
import type { Envelope, ErrorCode } from '../../../contracts'
import { createLocalCore, type LocalCore } from '../../../cloudfunctions/local-runtime'
import { networkError } from '../../../src/services/api-error'
import type { Transport } from '../../../src/platform/types'

type Override =
  | { kind: 'fail'; code: ErrorCode; message?: string }
  | { kind: 'network' }
  | { kind: 'answer'; data: unknown }
  | { kind: 'hang' }

const overrides = new Map<string, Override>()
let core: LocalCore | null = null
let openid = 'demo-resident-5'

export const backend = {
  calls: [] as Array<{ fn: string; action: string; data: unknown }>,
  /** A fresh seeded database; call in beforeAll (and close in afterAll). */
  async start(): Promise<LocalCore> {
    core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent' })
    return core
  },
  stop(): void {
    core?.db.close()
    core = null
  },
  signInAs(who: string): void {
    openid = who
  },
  fail(fn: string, action: string, code: ErrorCode, message?: string): void {
    overrides.set(`${fn}.${action}`, { kind: 'fail', code, ...(message ? { message } : {}) })
  },
  failNetwork(fn: string, action: string): void {
    overrides.set(`${fn}.${action}`, { kind: 'network' })
  },
  answer(fn: string, action: string, data: unknown): void {
    overrides.set(`${fn}.${action}`, { kind: 'answer', data })
  },
  hang(fn: string, action: string): void {
    overrides.set(`${fn}.${action}`, { kind: 'hang' })
  },
  /** What the real back end says, as the signed-in persona (for setting up a test). */
  async ask<T>(fn: string, action: string, data: unknown = {}): Promise<T> {
    if (!core) throw new Error('backend.start() first')
    const reply = await core.router.dispatch(fn, { action, data }, { openid }, `ui-setup-${Date.now()}`)
    if (!reply.envelope.ok) throw new Error(`${fn}.${action}: ${reply.envelope.error.code}`)
    return reply.envelope.data as T
  },
  reset(): void {
    overrides.clear()
    backend.calls = []
    openid = 'demo-resident-5'
  },
}

export const transport: Transport = async (fn, body) => {
  backend.calls.push({ fn, action: body.action, data: body.data })
  const override = overrides.get(`${fn}.${body.action}`)
  if (override?.kind === 'hang') return new Promise<Envelope<unknown>>(() => undefined)
  if (override?.kind === 'network') throw networkError()
  if (override?.kind === 'fail')
    return { ok: false, error: { code: override.code, message: override.message ?? '' } } as Envelope<unknown>
  if (override?.kind === 'answer') return { ok: true, data: override.data } as Envelope<unknown>
  if (!core) throw new Error('backend.start() first, or override this action')
  const reply = await core.router.dispatch(fn, body, { openid }, `ui-${backend.calls.length}`)
  return reply.envelope as Envelope<unknown>
}
