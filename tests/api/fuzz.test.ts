import { ALL_FUNCTIONS } from '../../cloudfunctions/functions/registry'
import type { Identity } from '../../cloudfunctions/core/account/identity'
import {
  DatabaseWatch,
  fuzzFunction,
  fuzzRealtime,
  fuzzUnknownActions,
  knownIds,
  type OpenStream,
  type Send,
} from '../support/fuzz-runner'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

/**
 * The quick slice of the fuzzing that `npm run fuzz` does at volume: for every action of every
 * function, valid and hostile inputs over real HTTP as several kinds of caller. Every reply is a
 * well-formed envelope with a stable code (never INTERNAL), and a refused call leaves the
 * database byte for byte as it was.
 */
const RUNS_PER_ACTION = Number(process.env.FUZZ_RUNS ?? 12)
const CALLERS = ['demo-admin', 'demo-leader-5', 'demo-resident-5', 'demo-doctor', 'demo-newcomer']

describe('fuzzing every action over HTTP (quick slice)', () => {
  let t: TestRuntime
  const tokens = new Map<string, string>()
  let send: Send
  let throwaways = 0

  beforeAll(async () => {
    t = await startTestRuntime({ rateLimits: false })
    for (const openid of CALLERS) {
      const result = await t.anonymous.post<{ token: string }>('/api/dev/login', { openid })
      if (!result.body.ok) throw new Error('login failed')
      tokens.set(openid, result.body.data.token)
    }
    send = async (fn, body, identity) => {
      const token = identity ? tokens.get(identity.openid) : undefined
      const response = await fetch(`${t.url}/api/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
      })
      return { status: response.status, envelope: await response.json() }
    }
  })
  afterAll(() => t.close())

  for (const definition of ALL_FUNCTIONS) {
    test(`when ${definition.name} gets valid and hostile inputs from every kind of caller, then every reply is a stable envelope and refusals change nothing`, async () => {
      const callers: Array<Identity | null> = [null, ...CALLERS.map((openid) => ({ openid }))]
      const counts = await fuzzFunction({
        definition,
        send,
        watch: new DatabaseWatch(t.runtime.db),
        context: { knownIds: knownIds(t.runtime.db) },
        callers,
        runsPerAction: RUNS_PER_ACTION,
        disposable: {
          actions: ['deleteMe'],
          newCaller: async () => {
            const openid = `fuzz-throwaway-${++throwaways}`
            const result = await t.anonymous.post<{ token: string }>('/api/dev/login', { openid })
            if (!result.body.ok) throw new Error('login failed')
            tokens.set(openid, result.body.data.token)
            return { openid }
          },
        },
      })
      if (process.env.FUZZ_VERBOSE) console.log(definition.name, JSON.stringify(counts))
      expect(counts.calls).toBe(Object.keys(definition.routes).length * RUNS_PER_ACTION * 2)
      expect(counts.codes.INTERNAL).toBeUndefined()
      const unknown = await fuzzUnknownActions({ definition, send, watch: new DatabaseWatch(t.runtime.db), callers })
      expect(unknown).toBeGreaterThan(0)
    }, 120_000)
  }

  test('when the realtime stream is asked for real, prototype-word and hostile topics and cursors by every kind of caller, then each answer is a stream or a stable envelope, and nothing is written', async () => {
    const open: OpenStream = async (query, identity) => {
      const token = identity ? tokens.get(identity.openid) : undefined
      const controller = new AbortController()
      const response = await fetch(`${t.url}/api/realtime?${query}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        signal: controller.signal,
      })
      if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
        controller.abort()
        return { status: response.status }
      }
      return { status: response.status, envelope: await response.json() }
    }
    const callers: Array<Identity | null> = [null, ...CALLERS.map((openid) => ({ openid }))]
    const counts = await fuzzRealtime({
      open,
      watch: new DatabaseWatch(t.runtime.db),
      context: { knownIds: knownIds(t.runtime.db) },
      callers,
      runs: RUNS_PER_ACTION * 20,
    })
    if (process.env.FUZZ_VERBOSE) console.log('realtime', JSON.stringify(counts))
    expect(counts.codes.INTERNAL).toBeUndefined()
    expect(counts.refused).toBeGreaterThan(0)
  }, 120_000)
})
