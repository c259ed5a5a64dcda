/**
 * Store round trips per action, on the demo neighbourhood, with an openid-only identity as
 * CloudBase gives (so the caller's own account lookup is counted). On CloudBase each one is a
 * network request from the function to the database before the resident sees an answer.
 */
import { createLocalCore, type LocalCore } from '../../cloudfunctions/local-runtime'
import type { Identity } from '../../cloudfunctions/core/account/identity'
import { TestClock } from '../support/clock'
import { roundTripMeter, type RoundTripMeter } from '../support/round-trips'

const RESIDENT: Identity = { openid: 'demo-resident-5' }
const GROUP = 'bg-jsh-5'

let core: LocalCore
let meter: RoundTripMeter
let eventId: string
let cursor: number

async function data<T = any>(fn: string, action: string, input?: unknown): Promise<T> {
  const { reply } = await meter.measure(fn, action, input, RESIDENT)
  if (!reply.envelope.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(reply.envelope.error)}`)
  return reply.envelope.data as T
}

beforeAll(async () => {
  core = await createLocalCore({ dbFile: ':memory:', logLevel: 'silent', clock: new TestClock() })
  meter = roundTripMeter(core.deps)
  // Warm the caller's account (first contact creates nothing for a seeded persona, but be sure).
  await data('account', 'me')
  const { events } = await data<{
    events: Array<{ eventId: string; mine: unknown; closed: boolean; seatsLeft: number | null; questions?: unknown }>
  }>('events', 'list', {})
  const open = events.find((e) => !e.mine && !e.closed && (e.seatsLeft === null || e.seatsLeft > 0))
  if (!open) throw new Error('the demo neighbourhood has no event the resident could join')
  eventId = open.eventId
  cursor = (await data<{ cursor: number }>('chat', 'history', { groupId: GROUP })).cursor
  // A WeChat client polls updates every few seconds; the first call of a session also grants its
  // reader lease (one write more). The budget is for the polls that follow.
  await data('chat', 'updates', { groupId: GROUP, since: cursor })
})

afterAll(() => core?.db.close())

/** [function, action, input, budget]. */
const BUDGETS: Array<[string, string, () => unknown, number]> = [
  ['chat', 'send', () => ({ groupId: GROUP, clientId: `rt-${Date.now().toString(36)}-send`, text: '大家好' }), 5],
  ['chat', 'history', () => ({ groupId: GROUP }), 4],
  ['chat', 'updates', () => ({ groupId: GROUP, since: cursor }), 4],
  ['chat', 'listGroups', () => undefined, 4],
  ['announcements', 'list', () => ({}), 4],
  ['events', 'list', () => ({}), 4],
  ['events', 'get', () => ({ eventId }), 4],
  ['events', 'rsvp', () => ({ eventId, partySize: 1 }), 5],
  ['account', 'me', () => undefined, 2],
  ['notifications', 'list', () => ({}), 2],
  ['health', 'listQA', () => ({}), 3],
  ['health', 'search', () => ({ q: '血压' }), 3],
]

describe('store round trips per action, for a resident identified by openid alone', () => {
  it.each(BUDGETS)(
    'when a resident calls %s.%s, then it takes at most the budgeted round trips',
    async (fn, action, input, budget) => {
      const { reply, tally } = await meter.measure(fn, action, input(), RESIDENT)
      expect(reply.envelope.ok).toBe(true)
      // The operations, so a failure says what the action did.
      expect({ total: tally.total, ops: tally.ops }).toEqual({ total: Math.min(tally.total, budget), ops: tally.ops })
    },
  )
})
