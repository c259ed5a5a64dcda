import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { draftFrom, publishTemplate, putToVote } from '../support/charter'
import { TestClock } from '../support/clock'
import { makeResidents } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(180_000)

describe('charter: one signature per household, however many sign at once', () => {
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

  test('when 120 members of 36 households sign at once, then each household has exactly one signature and the signed count equals them', async () => {
    const people = await makeResidents(t, admin, 'signers', 120, 'jsh-5')
    const draft = await draftFrom(leader, 'jsh-5', await publishTemplate(admin))
    const voteId = await putToVote(leader, draft.versionId, clock.now())
    await people[0]!.client.ok('council', 'castBallot', { voteId, choice: 0 })
    const { vote } = await leader.ok('council', 'getVote', { voteId })
    clock.set(vote.closesAt + SETTLE_GRACE_MS)
    await settleDueVotes(t.runtime.deps)

    const replies = await Promise.all(
      people.map((p) => p.client.call('council', 'signCharter', { versionId: draft.versionId })),
    )
    // Every refusal is the household having signed already, nothing else.
    const refused = replies.filter((r) => !r.body.ok).map((r) => (r.body.ok ? '' : r.body.error.code))
    expect(new Set(refused)).toEqual(new Set(['CHARTER.ALREADY_SIGNED']))
    const store = t.runtime.deps.store
    const signatures = await store.find('charter_signatures', { versionId: draft.versionId }, { limit: 1000 })
    const households = new Set(signatures.map((s) => s.householdId))
    expect(signatures).toHaveLength(households.size)
    expect(households.size).toBe(36)
    expect(replies.filter((r) => r.body.ok)).toHaveLength(36)
    expect((await store.get('charter_versions', draft.versionId))?.signedCount).toBe(36)
    const knock = await leader.ok('council', 'charterNotSigned', { buildingId: 'jsh-5' })
    expect(knock).toMatchObject({ signedCount: 36, rooms: [] })
  })
})
