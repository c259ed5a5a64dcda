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

/**
 * [function, action, input, budget]. Where the budget is above the target the product aims for,
 * the comment names the target and what the remaining round trips are.
 */
const BUDGETS: Array<[string, string, () => unknown, number]> = [
  // Target 5. Left: the account, the retry check, the mute, the send limit's counter (and its
  // creation on the first message of a window, as here), and the transaction (the group's
  // counter read, the message, the counter written).
  ['chat', 'send', () => ({ groupId: GROUP, clientId: `rt-${Date.now().toString(36)}-send`, text: '大家好' }), 9],
  // Target 4. Left: the account, the group's cursor, the page, the read mark, the senders' names.
  ['chat', 'history', () => ({ groupId: GROUP }), 5],
  ['chat', 'updates', () => ({ groupId: GROUP, since: cursor }), 4],
  // Target 4. Left: the account, interest groups, then one read each of the groups' cursors,
  // read marks, mutes and last messages, and the unread count of a group with something new.
  ['chat', 'listGroups', () => undefined, 7],
  ['announcements', 'list', () => ({}), 4],
  // Target 4. The resident is on a waitlist here: their place in it is one count more.
  ['events', 'list', () => ({}), 5],
  // Target 4. A session of a series: its sessions are one query more (a one-off event takes 4).
  ['events', 'get', () => ({ eventId }), 5],
  // Target 5. Left: the account, the event (audience, questions, content check), the transaction
  // (event, waitlist, RSVP read; RSVP, waitlist, event written), the organiser's name, the series.
  ['events', 'rsvp', () => ({ eventId, partySize: 1 }), 11],
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
