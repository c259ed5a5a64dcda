import { charterVersionId } from '../../cloudfunctions/core/charter/charter.docs'
import type { BuildingHome, BuildingTag } from '../../contracts'
import { expectError, expectUnchanged, pendingApplicant, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { createEvent, eventInput } from '../support/events'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

const B5 = 'jsh-5'

describe('building page (楼组主页): 特色 tags from the committee list, leaders, counts, charter, events', () => {
  const clock = new TestClock()
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let wang: ApiClient
  let otherResident: ApiClient
  let otherLeader: ApiClient
  let applicant: ApiClient
  let tags: BuildingTag[]

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    otherResident = await t.login('demo-resident-11')
    otherLeader = await t.login('t-building-leader-11')
    await admin.ok('account', 'assignRole', {
      userId: await userIdOf(otherLeader),
      role: 'leader',
      buildingId: 'jsh-11',
    })
    applicant = (await pendingApplicant(t, 't-building-pending', B5, '303')).client
  })
  afterAll(() => t.close())

  const home = async (who: ApiClient, buildingId?: string) =>
    (await who.ok('council', 'buildingHome', buildingId ? { buildingId } : {})) as BuildingHome
  const tagId = (name: string) => tags.find((x) => x.name === name)?.tagId as string

  test('when the committee adds tags, then every signed-in user reads the list; a duplicate, a leader or a resident changes nothing', async () => {
    for (const name of ['学习楼组', '健康楼组', '文化楼组', '平安楼组']) {
      clock.advance(1000)
      tags = (await admin.ok('council', 'addBuildingTag', { name })).tags as BuildingTag[]
    }
    expect(tags.map((x) => x.name)).toEqual(['学习楼组', '健康楼组', '文化楼组', '平安楼组'])
    expect((await wang.ok('council', 'buildingTags', {})).tags).toEqual(tags)
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'addBuildingTag', { name: '学习楼组' }), 409, 'BUILDING.TAG_EXISTS'),
    )
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'addBuildingTag', { name: '' }), 400, 'INPUT.INVALID', 'name'),
    )
    for (const who of [leader, wang])
      await expectUnchanged(t, async () =>
        expectError(await who.call('council', 'addBuildingTag', { name: '孝亲楼组' }), 403, 'AUTH.FORBIDDEN'),
      )
  })

  test('when the leader picks tags, then the building page shows them to its members; a tag not on the list or too many change nothing', async () => {
    const set = (await leader.ok('council', 'setBuildingTags', {
      buildingId: B5,
      tagIds: [tagId('学习楼组'), tagId('平安楼组')],
    })) as BuildingHome
    expect(set.tags.map((x) => x.name)).toEqual(['学习楼组', '平安楼组'])
    const seen = await home(wang)
    expect(seen).toMatchObject({ buildingId: B5, buildingName: '金上海家园 5号楼', canSetTags: false })
    expect(seen.tags.map((x) => x.name)).toEqual(['学习楼组', '平安楼组'])
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'setBuildingTags', { buildingId: B5, tagIds: ['bt-nope'] }),
        400,
        'BUILDING.UNKNOWN_TAG',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'setBuildingTags', { buildingId: B5, tagIds: tags.map((x) => x.tagId) }),
        400,
        'INPUT.INVALID',
        'tagIds',
      ),
    )
  })

  test('when anyone but the building own leader sets its tags (the committee, another leader, a resident), then nothing changes', async () => {
    for (const who of [admin, otherLeader, wang])
      await expectUnchanged(t, async () =>
        expectError(
          await who.call('council', 'setBuildingTags', { buildingId: B5, tagIds: [tagId('健康楼组')] }),
          403,
          'AUTH.FORBIDDEN',
        ),
      )
  })

  test('when a member opens the page, then it shows the leader by name (never a phone), the counts, and the building next events only', async () => {
    const now = clock.now()
    const ours = await createEvent(leader, eventInput(now, { title: '五号楼读书会', audience: { buildingId: B5 } }))
    await createEvent(otherLeader, eventInput(now, { title: '十一号楼茶话会', audience: { buildingId: 'jsh-11' } }))
    const page = await home(wang, B5)
    expect(page.leaders).toEqual([{ userId: await userIdOf(leader), name: '张阿姨' }])
    expect(page.memberCount).toBeGreaterThanOrEqual(2)
    expect(page.householdCount).toBeGreaterThanOrEqual(page.memberCount > 0 ? 1 : 0)
    expect(page.upcomingEvents.map((e) => e.title)).toContain('五号楼读书会')
    expect(page.upcomingEvents.map((e) => e.eventId)).toContain(ours.eventId)
    expect(page.upcomingEvents.map((e) => e.title)).not.toContain('十一号楼茶话会')
    expect(page.charter).toBeNull()
    expect((await home(leader)).canSetTags).toBe(true)
  })

  test('when the building has adopted a charter, then the page shows its version and number of articles', async () => {
    // Adoption itself (a two-thirds vote) is specified in tests/api/charter.test.ts.
    const now = clock.now()
    await t.runtime.deps.store.insert('charter_versions', {
      _id: charterVersionId(B5, 1),
      buildingId: B5,
      number: 1,
      status: 'adopted',
      articles: [
        { title: '楼道不堆物', text: '楼道是逃生通道。' },
        { title: '电瓶车不上楼', text: '电瓶车停在车棚充电。' },
      ],
      basedOn: '空白',
      draftedBy: await userIdOf(leader),
      draftedAt: now,
      updatedAt: now,
      voteId: null,
      effectiveAt: now,
      resultSentence: '通过',
      signedCount: 0,
    })
    expect((await home(wang)).charter).toEqual({ number: 1, effectiveAt: now, articleCount: 2 })
  })

  test('when someone outside the building asks for its page (another building, a pending applicant), then it is refused', async () => {
    for (const who of [otherResident, otherLeader, applicant])
      await expectUnchanged(t, async () =>
        expectError(await who.call('council', 'buildingHome', { buildingId: B5 }), 403, 'AUTH.FORBIDDEN'),
      )
    // Without a building of one's own there is no page to open.
    expectError(await applicant.call('council', 'buildingHome', {}), 403, 'AUTH.NOT_VERIFIED')
  })

  test('when the committee opens any building or the directory, then it sees each building with its tags; nobody else sees the directory', async () => {
    expect((await home(admin, 'jsh-11')).buildingId).toBe('jsh-11')
    const { buildings } = (await admin.ok('council', 'buildingDirectory', {})) as {
      buildings: { buildingId: string; tags: BuildingTag[] }[]
    }
    expect(buildings.find((b) => b.buildingId === B5)?.tags.map((x) => x.name)).toEqual(['学习楼组', '平安楼组'])
    expect(buildings.find((b) => b.buildingId === 'jsh-11')?.tags).toEqual([])
    for (const who of [leader, wang])
      expectError(await who.call('council', 'buildingDirectory', {}), 403, 'AUTH.FORBIDDEN')
  })

  test('when the committee removes a tag from the list, then no building shows it; removing an unknown one changes nothing', async () => {
    tags = (await admin.ok('council', 'removeBuildingTag', { tagId: tagId('平安楼组') })).tags as BuildingTag[]
    expect((await home(wang)).tags.map((x) => x.name)).toEqual(['学习楼组'])
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'removeBuildingTag', { tagId: 'bt-nope' }), 404, 'NOT_FOUND'),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'removeBuildingTag', { tagId: tagId('学习楼组') }),
        403,
        'AUTH.FORBIDDEN',
      ),
    )
  })
})
