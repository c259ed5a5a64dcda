import type { VoteView } from '../../contracts'
import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { TestClock } from '../support/clock'
import { openVote, raiseMatter } from '../support/council'
import { makeResidents } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(180_000)

describe('council: one vote per household, and secret ballots stay secret', () => {
  const clock = new TestClock()
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
  })
  afterAll(() => t.close())

  test('when 200 members of 36 households vote and change their votes at once, then each household has exactly one ballot and the tally equals a recount', async () => {
    const people = await makeResidents(t, admin, 'crowd', 200, 'jsh-5')
    const vote = await openVote(leader, await raiseMatter(people[0]!.client), clock.now(), { secret: true })
    // Everyone votes, then everyone changes their mind, all at once.
    await Promise.all(
      people.map((p, i) => p.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: i % 3 })),
    )
    await Promise.all(
      people.map((p, i) => p.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: (i + 1) % 3 })),
    )
    const store = t.runtime.deps.store
    const ballots = await store.find('council_ballots', { voteId: vote.voteId }, { limit: 1000 })
    const households = new Set(ballots.map((b) => b.householdId))
    expect(ballots).toHaveLength(households.size)
    expect(households.size).toBe(36)
    const choices = await store.find('council_secret_choices', { voteId: vote.voteId }, { limit: 1000 })
    expect(choices).toHaveLength(36)
    // Every ballot points at exactly one surviving choice.
    expect(new Set(ballots.map((b) => b.secretRef))).toEqual(new Set(choices.map((c) => c._id)))
    const recount = [0, 0, 0]
    for (const c of choices) recount[c.choice]!++
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await settleDueVotes(t.runtime.deps)
    const closed = (await leader.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(closed.result?.counts).toEqual(recount)
    expect(closed.result?.turnout).toBe(36)
  })

  test("when households vote in a secret ballot, then no reply, export, notification or stored ballot that anyone can reach shows a household's choice", async () => {
    clock.advance(3600_000)
    const options = ['装在东墙甲', '装在西墙乙', '不装丙丙']
    const voters = await makeResidents(t, admin, 'secret', 3, 'jsh-5')
    const vote = await openVote(leader, await raiseMatter(voters[0]!.client), clock.now(), {
      secret: true,
      kind: 'choice',
      options,
    })
    await voters[0]!.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 0 })
    await voters[1]!.client.ok('council', 'castBallot', { voteId: vote.voteId, choice: 1 })
    const paper = await leader.ok('council', 'recordPaperBallot', { voteId: vote.voteId, room: '606', choice: 2 })

    /** The vote's own list of options may appear (the leader's export has it); any other mention of an option is a leak. */
    const leaked = (label: string, value: unknown) => {
      const text = JSON.stringify(value).replace(/"options":\[[^\]]*\]/g, '')
      for (const option of options)
        expect({ where: label, leaks: text.includes(option) ? option : null }).toEqual({ where: label, leaks: null })
    }
    /** A vote view carries the option list itself; what must not appear is a tally or the household's choice. */
    const noChoiceIn = (label: string, view: VoteView) => {
      expect({ label, result: view.result }).toEqual({ label, result: null })
      if (view.myHousehold)
        expect({ label, choice: view.myHousehold.choiceLabel }).toEqual({ label, choice: '已投票（不记名）' })
    }
    noChoiceIn('paper reply', paper.vote)
    for (const [label, client] of [
      ['voter', voters[0]!.client],
      ['other voter', voters[1]!.client],
      ['leader', leader],
      ['committee', admin],
    ] as const) {
      noChoiceIn(`getVote:${label}`, (await client.ok('council', 'getVote', { voteId: vote.voteId })).vote)
      leaked(`overview:${label}`, await client.ok('council', 'overview', { buildingId: 'jsh-5' }))
      leaked(
        `notVoted:${label}`,
        label === 'leader' || label === 'committee'
          ? await client.ok('council', 'notVoted', { voteId: vote.voteId })
          : null,
      )
      leaked(`notifications:${label}`, await client.ok('notifications', 'list', {}))
      leaked(`export:${label}`, await client.ok('account', 'exportMyData', {}))
    }
    const exported = JSON.stringify(await voters[0]!.client.ok('account', 'exportMyData', {}))
    expect(exported).toContain('已投票（不记名）')
    // Stored ballots hold no choice; the notifications written hold none either.
    const ballots = await t.runtime.deps.store.find('council_ballots', { voteId: vote.voteId })
    for (const b of ballots)
      expect({ choice: b.choice, label: b.choiceLabel }).toEqual({ choice: null, label: '已投票（不记名）' })
    const notes = await t.runtime.deps.store.find('notifications', {}, { limit: 1000, orderBy: [['_id', 'desc']] })
    leaked('stored notifications', notes)

    // After the close only the totals appear.
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    const closed = (await voters[2]!.client.ok('council', 'getVote', { voteId: vote.voteId })).vote as VoteView
    expect(closed.result?.counts).toEqual([1, 1, 1])
    expect(closed.myHousehold?.choiceLabel ?? '已投票（不记名）').toBe('已投票（不记名）')
  })
})
