import fc from 'fast-check'
import { expectError, openidFactory, verifiedResident } from '../support/api-expect'
import { newBuddy, roomFactory } from '../support/buddies'
import { interestGroup, say, SseClient } from '../support/chat'
import { TestClock } from '../support/clock'
import { createEvent, eventInput } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

/**
 * "Membership ended" and "role ended" take everything that hung on them, at once: for each way
 * a membership or a role ends × each power that depended on it, the power is gone on the very
 * next call and on any stream already open — and the powers that did not depend on it stay.
 * The test clock never moves: nothing may wait for a periodic re-check.
 */

type Ending = 'removed' | 'moved' | 'erased' | 'leaderRevoked'
type Power =
  | 'listResidents'
  | 'helpBoard'
  | 'buildingChat'
  | 'groupChat'
  | 'groupRsvp'
  | 'helperRoom'
  | 'buildingStream'
  | 'groupStream'
  | 'watchLease'

const POWERS: readonly Power[] = [
  'listResidents',
  'helpBoard',
  'buildingChat',
  'groupChat',
  'groupRsvp',
  'helperRoom',
  'buildingStream',
  'groupStream',
  'watchLease',
]
const LEADER_POWERS: ReadonlySet<Power> = new Set(['listResidents', 'helpBoard'])

/** Which powers an ending takes: a membership ending takes all (the person is verified nowhere after it); a role ending takes the role's. */
function dependsOn(ending: Ending, power: Power): boolean {
  return ending === 'leaderRevoked' ? LEADER_POWERS.has(power) : true
}

const HOME = 'jsh-13'
const ELDER_HOME = 'jsh-14'
const ELSEWHERE = 'hsgef-3'
const SKILL = '教老人用手机'

describe('endings: when a membership or a role ends, every power that hung on it goes at once', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('end')
  const room = roomFactory()
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())

  /** A resident of HOME who leads it, is a buddy in an interest group with a seat at its next session (someone waits behind), is helping an elder (room shown), and follows both chats live. */
  async function personWithEveryPower() {
    const person = await newBuddy(t, admin, fresh(), HOME, room(HOME), { skills: [SKILL] })
    await admin.ok('account', 'assignRole', { userId: person.userId, role: 'leader', buildingId: HOME })
    const neighbour = await verifiedResident(t, admin, fresh(), HOME, room(HOME))
    const waiting = await verifiedResident(t, admin, fresh(), ELDER_HOME, room(ELDER_HOME))
    const groupId = await interestGroup(t, [
      { userId: person.userId, role: 'member' },
      { userId: waiting.userId, role: 'member' },
    ])
    const event = await createEvent(
      admin,
      eventInput(clock.now(), { title: '小组活动', audience: { groupId }, capacity: 1 }),
    )
    await person.client.ok('events', 'rsvp', { eventId: event.eventId })
    await waiting.client.ok('events', 'rsvp', { eventId: event.eventId })
    const elder = await verifiedResident(t, admin, fresh(), ELDER_HOME, room(ELDER_HOME))
    const asked = await elder.client.ok('buddies', 'requestHelp', {
      skill: SKILL,
      when: '周六上午',
      note: '帮我装个挂号软件',
    })
    await person.client.ok('buddies', 'offerHelp', { requestId: asked.requestId })
    await elder.client.ok('buddies', 'acceptOffer', { requestId: asked.requestId })
    await person.client.ok('chat', 'updates', { groupId: `bg-${HOME}`, since: 0, limit: 1 })
    const token = person.client.token
    const streams = {
      building: await SseClient.open(t.url, token, `topics=group:bg-${HOME}`),
      group: await SseClient.open(t.url, token, `topics=group:${groupId}`),
    }
    await streams.building.until((c) => c.events.some((e) => e.event === 'ready'))
    await streams.group.until((c) => c.events.some((e) => e.event === 'ready'))
    return {
      person,
      neighbour,
      waiting,
      groupId,
      eventId: event.eventId,
      requestId: asked.requestId as string,
      streams,
    }
  }

  type World = Awaited<ReturnType<typeof personWithEveryPower>>

  async function end(world: World, ending: Ending): Promise<void> {
    const { person } = world
    if (ending === 'removed') await admin.ok('account', 'removeResident', { membershipId: person.membershipId })
    else if (ending === 'moved')
      await person.client.ok('account', 'applyToBuilding', { buildingId: ELSEWHERE, room: '203' })
    else if (ending === 'erased') await person.client.ok('account', 'deleteMe', { confirm: true })
    else await admin.ok('account', 'revokeRole', { userId: person.userId, role: 'leader', buildingId: HOME })
  }

  /** A stream that was following: revoked (and ended) without the clock moving, or still delivering a new message. */
  async function streamStillFollows(
    world: World,
    stream: SseClient,
    groupId: string,
    dependent: boolean,
  ): Promise<boolean> {
    if (dependent) {
      await stream.untilEnded()
      return !stream.events.some((e) => e.event === 'revoked')
    }
    const speaker = groupId === world.groupId ? world.waiting : world.neighbour
    const said = await say(speaker.client, groupId, '结束之后的新消息')
    await stream.until((c) => c.of().some((e) => e.data.message?.messageId === said.messageId))
    return true
  }

  async function holds(world: World, power: Power, dependent: boolean): Promise<boolean> {
    const { person } = world
    const store = t.runtime.deps.store
    const ok = async (fn: string, action: string, data: unknown) =>
      (await person.client.call(fn, action, data)).status === 200
    switch (power) {
      case 'listResidents':
        return ok('account', 'listResidents', { buildingId: HOME })
      case 'helpBoard':
        return ok('buddies', 'listHelpRequests', { scope: 'building', buildingId: HOME })
      case 'buildingChat':
        return ok('chat', 'history', { groupId: `bg-${HOME}` })
      case 'groupChat':
        return (
          (await ok('chat', 'history', { groupId: world.groupId })) ||
          (await ok('chat', 'listMembers', { groupId: world.groupId }))
        )
      case 'groupRsvp': {
        const rsvp = await store.get('event_rsvps', `${world.eventId}:${person.userId}`)
        const held = rsvp?.state === 'confirmed'
        // The seat went to the one waiting, as with any cancellation.
        const theirs = await store.get('event_rsvps', `${world.eventId}:${world.waiting.userId}`)
        expect(theirs?.state).toBe(held ? 'waitlisted' : 'confirmed')
        return held
      }
      case 'helperRoom': {
        const seen = await person.client.call<{ room?: string }>('buddies', 'getHelpRequest', {
          requestId: world.requestId,
        })
        const roomShown = seen.body.ok ? !!seen.body.data.room : false
        // Once released it is open again for another buddy.
        if (dependent)
          expect(await store.get('help_requests', world.requestId)).toMatchObject({
            status: 'open',
            helperId: null,
          })
        return roomShown
      }
      case 'buildingStream':
        return streamStillFollows(world, world.streams.building, `bg-${HOME}`, dependent)
      case 'groupStream':
        return streamStillFollows(world, world.streams.group, world.groupId, dependent)
      case 'watchLease':
        return (await store.count('chat_readers', { userId: person.userId })) > 0
    }
  }

  test('when a membership or role ends in any way, then exactly the powers that hung on it are gone on the next call and on open streams', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Ending>('removed', 'moved', 'erased', 'leaderRevoked'),
        fc.shuffledSubarray([...POWERS], { minLength: 1 }),
        async (ending, powers) => {
          const world = await personWithEveryPower()
          try {
            for (const power of POWERS) expect([power, await holds(world, power, false)]).toEqual([power, true])
            await end(world, ending)
            for (const power of powers) {
              const dependent = dependsOn(ending, power)
              expect([ending, power, await holds(world, power, dependent)]).toEqual([ending, power, !dependent])
            }
          } finally {
            world.streams.building.close()
            world.streams.group.close()
          }
        },
      ),
      { numRuns: 12, seed: 20260518, endOnFailure: true },
    )
  }, 180_000)

  test('when a leader moves away, then the building’s residents, chat history and help board are closed to them on the next call', async () => {
    const leader = await verifiedResident(t, admin, fresh(), HOME, room(HOME))
    await admin.ok('account', 'assignRole', { userId: leader.userId, role: 'leader', buildingId: HOME })
    await admin.ok('account', 'removeResident', { membershipId: leader.membershipId })
    expect((await leader.client.ok('account', 'me')).roles).toEqual([])
    expectError(await leader.client.call('account', 'listResidents', { buildingId: HOME }), 403, 'AUTH.FORBIDDEN')
    expectError(await leader.client.call('chat', 'history', { groupId: `bg-${HOME}` }), 403, 'CHAT.NOT_MEMBER')
    expect(
      (await leader.client.call('buddies', 'listHelpRequests', { scope: 'building', buildingId: HOME })).status,
    ).toBe(403)
    expect(await t.runtime.deps.store.count('endings', {})).toBe(0)
  })
})
