import { APPLICATION_LIMITS, JOIN_CODE_GUESS_LIMIT, type ApplicationView } from '../../contracts'
import { expectError, expectUnchanged, openidFactory, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'
import { at, cycle } from '../support/lists'

/** Every room of a 金上海家园 building: floors 1–6, rooms 01–06. */
const ROOMS = [1, 2, 3, 4, 5, 6].flatMap((floor) => [1, 2, 3, 4, 5, 6].map((n) => `${floor}0${n}`))

/**
 * The review queue cannot be buried: the leader pages through it oldest first with counts; new
 * accounts cannot pile up applications on one room or one building in a day; join codes cannot
 * be guessed (the building is throttled, its leaders told once, the code changed); and a pending
 * application that is merely replaced does not notify again.
 */
describe('account: the review queue cannot be buried', () => {
  let t: TestRuntime
  let admin: ApiClient
  const clock = new TestClock()
  const fresh = openidFactory('queue')
  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
  })
  afterAll(() => t.close())
  // A new day for every test: the per-building allowance is per day.
  beforeEach(() => clock.advance(24 * 60 * 60_000))

  async function apply(buildingId: string, room: string, joinCode?: string) {
    const client = await t.login(fresh())
    clock.advance(1_000)
    return {
      client,
      reply: await client.call('account', 'applyToBuilding', { buildingId, room, ...(joinCode ? { joinCode } : {}) }),
    }
  }
  const applicationNotices = (buildingId: string) =>
    t.runtime.deps.store.count('notifications', {
      kind: 'application',
      link: `/packages/leader/pages/applications/index?buildingId=${buildingId}`,
    })
  const page = (buildingId: string, after?: string) =>
    admin.ok<{ applications: ApplicationView[]; total: number; pending: number; nextAfter?: string }>(
      'account',
      'listApplications',
      { buildingId, ...(after ? { after } : {}) },
    )

  test('when more applications wait than fit on a page, then the leader pages through them oldest first, with how many wait in all', async () => {
    const first = await apply('jsh-15', '101')
    const firstId = await userIdOf(first.client)
    const count = APPLICATION_LIMITS.pageSize + 5
    for (let i = 1; i < count; i++) expect((await apply('jsh-15', at(ROOMS, i))).reply.status).toBe(200)

    const one = await page('jsh-15')
    expect(one.applications).toHaveLength(APPLICATION_LIMITS.pageSize)
    expect(at(one.applications, 0).userId).toBe(firstId)
    expect([one.total, one.pending]).toEqual([count, count])
    expect(one.applications.map((a) => a.appliedAt)).toEqual(
      [...one.applications.map((a) => a.appliedAt)].sort((a, b) => a - b),
    )
    const two = await page('jsh-15', one.nextAfter)
    expect(two.applications).toHaveLength(5)
    expect(two.nextAfter).toBeUndefined()
    const all = [...one.applications, ...two.applications].map((a) => a.membershipId)
    expect(new Set(all).size).toBe(count)
  })

  test('when new accounts pile applications on one room, then the one past the limit is refused and nothing changes', async () => {
    for (let i = 0; i < APPLICATION_LIMITS.pendingPerRoom; i++)
      expect((await apply('jsh-16', '202')).reply.status).toBe(200)
    const client = await t.login(fresh())
    const refused = await expectUnchanged(t, () =>
      client.call('account', 'applyToBuilding', { buildingId: 'jsh-16', room: '202' }),
    )
    const error = expectError(refused, 409, 'ACCOUNT.TOO_MANY_APPLICATIONS', 'room')
    expect(error.message).toContain('202')
    // Another room of the building is still open.
    expect((await apply('jsh-16', '203')).reply.status).toBe(200)
  })

  test('when a building gets more new applications in a day than its allowance, then the rest wait for tomorrow, and the leaders are told only of those let in', async () => {
    const before = await applicationNotices('jsh-17')
    const max = APPLICATION_LIMITS.newPerBuildingPerDay
    for (let i = 0; i < max; i++) expect((await apply('jsh-17', at(ROOMS, i))).reply.status).toBe(200)
    const client = await t.login(fresh())
    const refused = await expectUnchanged(t, () =>
      client.call('account', 'applyToBuilding', { buildingId: 'jsh-17', room: ROOMS[max] }),
    )
    expectError(refused, 409, 'ACCOUNT.TOO_MANY_APPLICATIONS', 'buildingId')
    const leaders = (await applicationNotices('jsh-17')) - before
    expect(leaders % max).toBe(0)

    clock.advance(24 * 60 * 60_000)
    expect((await client.call('account', 'applyToBuilding', { buildingId: 'jsh-17', room: ROOMS[max] })).status).toBe(
      200,
    )
  })

  test('when an applicant changes their pending application within the building, then it is replaced and the leaders are not told again', async () => {
    const { client, reply } = await apply('jsh-15', '305')
    expect(reply.status).toBe(200)
    const told = await applicationNotices('jsh-15')
    for (const room of ['306', '305', '306']) {
      clock.advance(1_000)
      expect((await client.call('account', 'applyToBuilding', { buildingId: 'jsh-15', room })).status).toBe(200)
    }
    expect(await applicationNotices('jsh-15')).toBe(told)
    const mine = (await page('jsh-15')).pending
    const userId = await userIdOf(client)
    const listed: ApplicationView[] = []
    let after: string | undefined
    do {
      const next = await page('jsh-15', after)
      listed.push(...next.applications)
      after = next.nextAfter
    } while (after)
    expect(listed.filter((a) => a.userId === userId).map((a) => a.room)).toEqual(['306'])
    expect(listed).toHaveLength(mine)
  })

  test('when many accounts guess a building’s join code, then after the limit every code attempt is refused, its leaders are told once, the code changes, and the new code works an hour later', async () => {
    const poster = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-16' })
    const wrong = (n: number) => String((Number(poster.joinCode) + n) % 1_000_000).padStart(6, '0')
    const leaderNotes = () => t.runtime.deps.store.find('notifications', { kind: 'joinCodeGuessed' })
    const notesBefore = (await leaderNotes()).length
    for (let i = 1; i <= JOIN_CODE_GUESS_LIMIT.wrongPerHour; i++) {
      expectError((await apply('jsh-16', cycle(ROOMS, i), wrong(i))).reply, 400, 'INPUT.INVALID', 'joinCode')
    }
    // Past the limit even the right code is refused: the guesser cannot tell a hit.
    for (let i = 0; i < 30; i++) expectError((await apply('jsh-16', '101', wrong(100 + i))).reply, 429, 'RATE.LIMITED')
    const { reply } = await apply('jsh-16', '101', poster.joinCode)
    const error = expectError(reply, 429, 'RATE.LIMITED')
    expect(error.message).toContain('入楼码')

    const notes = (await leaderNotes()).slice(notesBefore)
    const leaders = new Set(notes.map((n) => n.recipientId))
    expect(notes).toHaveLength(leaders.size)
    expect(leaders.size).toBeGreaterThan(0)
    expect(at(notes, 0).title).toContain('入楼码')
    const rotated = await admin.ok('account', 'joinPoster', { buildingId: 'jsh-16' })
    expect(rotated.joinCode).not.toBe(poster.joinCode)

    clock.advance(60 * 60_000)
    const later = await apply('jsh-16', '404', rotated.joinCode)
    expect(later.reply.status).toBe(200)
    expect((later.reply.body as { ok: true; data: { status: string } }).data.status).toBe('verified')
  })
})
