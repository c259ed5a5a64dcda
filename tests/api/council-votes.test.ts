import type { VoteView } from '../../contracts'
import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { expectError, expectUnchanged, userIdOf, verifiedResident } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { HOUR, MINUTE, openVote, raiseMatter } from '../support/council'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

describe('council: matters and votes', () => {
  const clock = new TestClock()
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let wang: ApiClient
  let otherResident: ApiClient
  let otherLeader: ApiClient

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    otherResident = await t.login('demo-resident-11')
    otherLeader = await t.login('t-council-leader-11')
    const id = await userIdOf(otherLeader)
    await admin.ok('account', 'assignRole', { userId: id, role: 'leader', buildingId: 'jsh-11' })
  })
  afterAll(() => t.close())

  const close = async (vote: VoteView) => {
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await settleDueVotes(t.runtime.deps)
  }

  test('when a verified resident raises a matter, then the building sees it and the committee can read it, other buildings cannot', async () => {
    const matterId = await raiseMatter(wang, '电瓶车不上楼', '最近有人把电瓶车推进电梯充电，太危险。')
    const mine = await wang.ok('council', 'overview', {})
    expect(mine.matters.map((m: { matterId: string }) => m.matterId)).toContain(matterId)
    expect(mine.canRaise).toBe(true)
    expect(mine.canManage).toBe(false)
    expect((await leader.ok('council', 'overview', { buildingId: 'jsh-5' })).canManage).toBe(true)
    const seen = await admin.ok('council', 'overview', { buildingId: 'jsh-5' })
    expect(seen.matters.some((m: { matterId: string }) => m.matterId === matterId)).toBe(true)
    expect(seen.canManage).toBe(false)
    await expectUnchanged(t, async () =>
      expectError(await otherResident.call('council', 'overview', { buildingId: 'jsh-5' }), 403, 'AUTH.FORBIDDEN'),
    )
    const newcomer = await t.login('demo-newcomer')
    await expectUnchanged(t, async () =>
      expectError(
        await newcomer.call('council', 'raiseMatter', { title: '题', text: '内容' }),
        403,
        'AUTH.NOT_VERIFIED',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await wang.call('council', 'raiseMatter', { title: '', text: '内容' }),
        400,
        'INPUT.INVALID',
        'title',
      ),
    )
  })

  test("when someone other than the building's leader opens a vote, then it is refused and nothing changes", async () => {
    const matterId = await raiseMatter(wang)
    const input = {
      matterId,
      kind: 'yesNo',
      secret: false,
      closesAt: clock.now() + HOUR,
      quorumPercent: 50,
      threshold: 'majority',
    }
    for (const [who, status, code] of [
      [wang, 403, 'AUTH.FORBIDDEN'],
      [admin, 403, 'AUTH.FORBIDDEN'],
      [otherLeader, 404, 'NOT_FOUND'],
      [otherResident, 404, 'NOT_FOUND'],
    ] as const) {
      await expectUnchanged(t, async () => expectError(await who.call('council', 'openVote', input), status, code))
    }
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openVote', { ...input, closesAt: clock.now() + MINUTE }),
        400,
        'INPUT.INVALID',
        'closesAt',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openVote', { ...input, kind: 'choice' }),
        400,
        'INPUT.INVALID',
        'options',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openVote', { ...input, kind: 'choice', options: ['东墙', '东墙'] }),
        400,
        'INPUT.INVALID',
        'options',
      ),
    )
    const vote = await openVote(leader, matterId, clock.now())
    expect(vote.options).toEqual(['同意', '反对', '弃权'])
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'openVote', input), 409, 'COUNCIL.VOTE_ALREADY_OPEN'),
    )
  })

  test('when two members of one household vote and change their vote, then the household has one ballot, the last, and sees who cast it', async () => {
    const husband = await verifiedResident(t, admin, 't-council-husband', 'jsh-5', '502')
    const vote = await openVote(leader, await raiseMatter(wang), clock.now())
    await wang.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    const after = (await husband.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 1 }))
      .vote as VoteView
    expect(after.myHousehold).toMatchObject({ via: 'app', choiceLabel: '反对', castByName: expect.any(String) })
    const seenByWang = (await wang.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(seenByWang.myHousehold?.choiceLabel).toBe('反对')
    expect(seenByWang.turnout).toBe(1)
    const ballots = await t.runtime.deps.store.find('council_ballots', { voteId: vote.voteId })
    expect(ballots).toHaveLength(1)
    expect(ballots[0]).toMatchObject({ choice: 1, castBy: husband.userId })
    // No running tally while open: counts appear only when it closes.
    expect(seenByWang.result).toBeNull()
  })

  test('when a vote is refused (other building, committee, unverified, bad choice, closed), then nothing changes', async () => {
    const vote = await openVote(leader, await raiseMatter(wang), clock.now())
    await expectUnchanged(t, async () =>
      expectError(
        await otherResident.call('council', 'castBallot', { voteId: vote.voteId, choice: 0 }),
        404,
        'NOT_FOUND',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await admin.call('council', 'castBallot', { voteId: vote.voteId, choice: 0 }),
        403,
        'AUTH.NOT_VERIFIED',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await wang.call('council', 'castBallot', { voteId: vote.voteId, choice: 3 }),
        400,
        'INPUT.INVALID',
        'choice',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(await wang.call('council', 'castBallot', { voteId: 'nope', choice: 0 }), 404, 'NOT_FOUND'),
    )
    clock.set(vote.closesAt)
    await expectUnchanged(t, async () =>
      expectError(
        await wang.call('council', 'castBallot', { voteId: vote.voteId, choice: 0 }),
        409,
        'COUNCIL.VOTE_CLOSED',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'recordPaperBallot', { voteId: vote.voteId, room: '603', choice: 0 }),
        409,
        'COUNCIL.VOTE_CLOSED',
      ),
    )
  })

  test('when the leader records a paper ballot, then it counts for that household, says who recorded it, the household is told, and it cannot be recorded over', async () => {
    const paperHome = await verifiedResident(t, admin, 't-council-paper', 'jsh-5', '604')
    const vote = await openVote(leader, await raiseMatter(wang), clock.now())
    const { room } = await leader.ok('council', 'recordPaperBallot', { voteId: vote.voteId, room: '604', choice: 0 })
    expect(room).toBe('604')
    const theirs = (await paperHome.client.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(theirs.myHousehold).toMatchObject({ via: 'paper', recordedByName: '张阿姨', choiceLabel: '同意' })
    const told = await t.runtime.deps.store.find('notifications', {
      recipientId: paperHome.userId,
      kind: 'councilPaperBallot',
    })
    expect(told).toHaveLength(1)
    expect(told[0]?.body).not.toContain('同意')
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'recordPaperBallot', { voteId: vote.voteId, room: '604', choice: 1 }),
        409,
        'CONFLICT',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'recordPaperBallot', { voteId: vote.voteId, room: '999', choice: 1 }),
        400,
        'INPUT.INVALID',
        'room',
      ),
    )
    await wang.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'recordPaperBallot', { voteId: vote.voteId, room: '502', choice: 1 }),
        409,
        'COUNCIL.VOTED_IN_APP',
      ),
    )
    for (const who of [wang, admin])
      await expectUnchanged(t, async () =>
        expectError(
          await who.call('council', 'recordPaperBallot', { voteId: vote.voteId, room: '605', choice: 1 }),
          403,
          'AUTH.FORBIDDEN',
        ),
      )
    // The door-knock list: every room but the two that voted, for the leader and the committee only.
    const list = await leader.ok('council', 'notVoted', { voteId: vote.voteId })
    expect(list.turnout).toBe(2)
    expect(list.rooms).not.toContain('604')
    expect(list.rooms).not.toContain('502')
    expect(list.rooms).toHaveLength(list.householdCount - 2)
    expect((await admin.ok('council', 'notVoted', { voteId: vote.voteId })).rooms).toEqual(list.rooms)
    expectError(await wang.call('council', 'notVoted', { voteId: vote.voteId }), 403, 'AUTH.FORBIDDEN')
    // The household may still change it in the app before the close; the last counts.
    const changed = (await paperHome.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 1 }))
      .vote as VoteView
    expect(changed.myHousehold).toMatchObject({ via: 'app', choiceLabel: '反对' })
  })

  test('when the closing time passes, then the result is counted from the ballots and published once to the building with turnout and quorum', async () => {
    const matterId = await raiseMatter(wang, '大堂装健康宣传栏')
    const vote = await openVote(leader, matterId, clock.now(), { quorumPercent: 5 })
    const homes = await Promise.all(
      ['105', '106', '205'].map((room, i) => verifiedResident(t, admin, `t-council-close-${i}`, 'jsh-5', room)),
    )
    await homes[0]?.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    await homes[1]?.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    await homes[2]?.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 1 })
    // Just past the close, before the grace: still counting, no result yet; the leader cannot close early.
    clock.set(vote.closesAt + 1)
    expect(((await wang.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView).result).toBeNull()
    await close(vote)
    await close(vote)
    const closed = (await wang.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(closed.status).toBe('closed')
    expect(closed.result).toMatchObject({ turnout: 3, counts: [2, 1, 0], quorumMet: true, passed: true })
    expect(closed.result?.sentence).toBe(`通过：${vote.householdCount} 户中 3 户参加，2 户同意`)
    const notices = await t.runtime.deps.store.find('announcements', {
      audienceKey: 'jsh-5',
      title: '表决结果：大堂装健康宣传栏',
    })
    expect(notices).toHaveLength(1)
    expect(notices[0]?.body).toContain(closed.result?.sentence)
    expect(notices[0]?._id).toBe(closed.resultAnnouncementId)
    const feed = await wang.ok('announcements', 'list', {})
    expect(feed.items.some((a: { title: string }) => a.title === '表决结果：大堂装健康宣传栏')).toBe(true)
    const overview = await wang.ok('council', 'overview', {})
    expect(overview.matters.find((m: { matterId: string }) => m.matterId === matterId)?.status).toBe('decided')
  })

  test('when nobody reads or runs the timer, then the first reader after the close settles the vote (lazily) and a quorum not met fails it', async () => {
    const vote = await openVote(leader, await raiseMatter(wang), clock.now(), { quorumPercent: 60 })
    await wang.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    const closed = (await admin.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(closed.result).toMatchObject({ turnout: 1, quorumMet: false, passed: false })
    expect(closed.result?.sentence).toMatch(/^未通过：\d+ 户中 1 户参加，不足法定的 \d+ 户$/)
    const stored = await t.runtime.deps.store.get('council_votes', vote.voteId)
    expect(stored?.status).toBe('closed')
  })
})
