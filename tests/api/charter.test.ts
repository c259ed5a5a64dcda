import type { CharterOverview, CharterVersionView, VoteView } from '../../contracts'
import { STRANDED_AFTER_MS } from '../../cloudfunctions/core/charter/versions'
import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { expectError, expectUnchanged, userIdOf, verifiedResident } from '../support/api-expect'
import { draftFrom, publishTemplate, putToVote, TEMPLATE_ARTICLES } from '../support/charter'
import { TestClock } from '../support/clock'
import { startTestRuntime, type ApiClient, type TestRuntime } from '../support/runtime'

jest.setTimeout(60_000)

const B5 = 'jsh-5'

describe('charter (自治公约): templates, drafts, adoption by a two-thirds vote, signing', () => {
  const clock = new TestClock()
  let t: TestRuntime
  let admin: ApiClient
  let leader: ApiClient
  let wang: ApiClient
  let otherResident: ApiClient
  let otherLeader: ApiClient
  let neighbourA: ApiClient
  let neighbourB: ApiClient
  let templateId: string

  beforeAll(async () => {
    t = await startTestRuntime({ clock })
    admin = await t.login('demo-admin')
    leader = await t.login('demo-leader-5')
    wang = await t.login('demo-resident-5')
    otherResident = await t.login('demo-resident-11')
    otherLeader = await t.login('t-charter-leader-11')
    await admin.ok('account', 'assignRole', {
      userId: await userIdOf(otherLeader),
      role: 'leader',
      buildingId: 'jsh-11',
    })
    neighbourA = (await verifiedResident(t, admin, 't-charter-a', B5, '301')).client
    neighbourB = (await verifiedResident(t, admin, 't-charter-b', B5, '402')).client
  })
  afterAll(() => t.close())

  const vote = async (who: ApiClient, voteId: string, choice: number) =>
    who.ok('council', 'castBallot', { voteId, choice })
  const close = async (voteId: string) => {
    const { vote: v } = (await leader.ok('council', 'getVote', { voteId })) as { vote: VoteView }
    clock.set(v.closesAt + SETTLE_GRACE_MS)
    await settleDueVotes(t.runtime.deps)
  }
  const overview = async (who: ApiClient, buildingId = B5) =>
    (await who.ok('council', 'charter', { buildingId })) as CharterOverview

  test('when the committee publishes and edits a template, then every leader can read it; nobody else may publish one', async () => {
    templateId = await publishTemplate(admin, '范本（草稿）')
    const edited = await admin.ok('council', 'saveCharterTemplate', {
      templateId,
      title: '楼组自治公约范本',
      articles: TEMPLATE_ARTICLES,
    })
    expect(edited.template).toMatchObject({ templateId, title: '楼组自治公约范本' })
    const seen = await leader.ok('council', 'charterTemplates', {})
    expect(seen.templates.map((x: { title: string }) => x.title)).toContain('楼组自治公约范本')
    for (const who of [leader, wang])
      await expectUnchanged(t, async () =>
        expectError(
          await who.call('council', 'saveCharterTemplate', { title: '我的范本', articles: TEMPLATE_ARTICLES }),
          403,
          'AUTH.FORBIDDEN',
        ),
      )
    await expectUnchanged(t, async () =>
      expectError(
        await admin.call('council', 'saveCharterTemplate', {
          title: '重复条目',
          articles: [TEMPLATE_ARTICLES[0], TEMPLATE_ARTICLES[0]],
        }),
        400,
        'INPUT.INVALID',
        'articles.1.title',
      ),
    )
  })

  test("when someone other than the building's leader drafts a charter, then it is refused and nothing changes", async () => {
    for (const [who, code] of [
      [admin, 'AUTH.FORBIDDEN'],
      [wang, 'AUTH.FORBIDDEN'],
      [otherLeader, 'AUTH.FORBIDDEN'],
    ] as const)
      await expectUnchanged(t, async () =>
        expectError(await who.call('council', 'draftCharter', { buildingId: B5, templateId }), 403, code),
      )
    // Without a template a building with no charter yet has nothing to start from.
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'draftCharter', { buildingId: B5 }), 400, 'INPUT.INVALID', 'templateId'),
    )
  })

  test('when the leader drafts from a template and edits it, then it is version 1, a draft, and a second draft is refused', async () => {
    const draft = await draftFrom(leader, B5, templateId)
    expect(draft).toMatchObject({ number: 1, status: 'draft', basedOn: '范本「楼组自治公约范本」', canEdit: true })
    expect(draft.changes.every((c) => c.kind === 'added')).toBe(true)
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'draftCharter', { buildingId: B5, templateId }),
        409,
        'CHARTER.DRAFT_EXISTS',
      ),
    )
    const articles = [
      ...TEMPLATE_ARTICLES,
      { title: '大堂共享书架', text: '一楼大堂的书架由 3 楼各户轮流整理，每月一户。' },
    ]
    const edited = (await leader.ok('council', 'editCharterDraft', { versionId: draft.versionId, articles }))
      .version as CharterVersionView
    expect(edited.articles).toHaveLength(4)
    for (const [who, status, code] of [
      [admin, 403, 'AUTH.FORBIDDEN'],
      [wang, 403, 'AUTH.FORBIDDEN'],
      [otherResident, 404, 'NOT_FOUND'],
    ] as const)
      await expectUnchanged(t, async () =>
        expectError(
          await who.call('council', 'editCharterDraft', { versionId: draft.versionId, articles }),
          status,
          code,
        ),
      )
    // A resident reads the draft they will vote on.
    expect((await wang.ok('council', 'charterVersion', { versionId: draft.versionId })).version.articles).toHaveLength(
      4,
    )
  })

  test('when anyone tries to adopt a draft without a passed decision, or the committee opens its vote, then it is refused and nothing changes', async () => {
    const { draft } = await overview(leader)
    const versionId = draft?.versionId ?? ''
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'adoptCharter', { versionId }), 409, 'CHARTER.NOT_PASSED'),
    )
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'adoptCharter', { versionId }), 403, 'AUTH.FORBIDDEN'),
    )
    const input = { versionId, closesAt: clock.now() + 3600_000, quorumPercent: 0, secret: false }
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'openCharterVote', input), 403, 'AUTH.FORBIDDEN'),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openCharterVote', { ...input, closesAt: clock.now() + 60_000 }),
        400,
        'INPUT.INVALID',
        'closesAt',
      ),
    )
  })

  test('when the leader puts the draft to the vote and two thirds agree, then the version becomes current at the close and the result says so', async () => {
    const { draft } = await overview(leader)
    const versionId = draft?.versionId ?? ''
    const voteId = await putToVote(leader, versionId, clock.now())
    const { vote: opened } = (await wang.ok('council', 'getVote', { voteId })) as { vote: VoteView }
    expect(opened).toMatchObject({ threshold: 'twoThirds', kind: 'yesNo', charterVersionId: versionId })
    // Its matter cannot be put to an ordinary vote (a simple majority) beside it.
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openVote', {
          matterId: opened.matterId,
          kind: 'yesNo',
          secret: false,
          closesAt: clock.now() + 3600_000,
          quorumPercent: 0,
          threshold: 'majority',
        }),
        409,
        'COUNCIL.VOTE_ALREADY_OPEN',
      ),
    )
    // While it is voted on, the draft is frozen: no second vote, no edit, no adoption.
    const again = { versionId, closesAt: clock.now() + 3600_000, quorumPercent: 0, secret: false }
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'openCharterVote', again), 409, 'CHARTER.VOTE_OPEN'),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'editCharterDraft', { versionId, articles: TEMPLATE_ARTICLES }),
        409,
        'CHARTER.VOTE_OPEN',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'adoptCharter', { versionId }), 409, 'CHARTER.NOT_PASSED'),
    )
    await vote(wang, voteId, 0)
    await vote(neighbourA, voteId, 0)
    await vote(neighbourB, voteId, 1)
    await close(voteId)

    const after = await overview(wang)
    expect(after.current).toMatchObject({ versionId, number: 1, status: 'adopted', effectiveAt: opened.closesAt })
    expect(after.current?.resultSentence).toMatch(/^通过：.*3 户参加，2 户同意$/)
    expect(after.draft).toBeNull()
    expect(after.canSign).toBe(true)
    const announcements = await t.runtime.deps.store.find('announcements', { audienceKey: B5 })
    expect(announcements.some((a) => a.body.includes('自治公约第 1 版通过'))).toBe(true)
    // Adopted is final: nobody edits it, and adopting it again changes nothing.
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'editCharterDraft', { versionId, articles: TEMPLATE_ARTICLES }),
        409,
        'CHARTER.ADOPTED',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openCharterVote', { ...again, closesAt: clock.now() + 3600_000 }),
        409,
        'CHARTER.ADOPTED',
      ),
    )
    await expectUnchanged(t, async () => leader.ok('council', 'adoptCharter', { versionId }))
  })

  test('when households sign, then each household signs once, sees who signed, and the leader sees the share and who has not', async () => {
    const { current } = await overview(wang)
    const versionId = current?.versionId ?? ''
    const signed = (await wang.ok('council', 'signCharter', { versionId })) as CharterOverview
    expect(signed.mySignature).toMatchObject({ signedByName: '王阿姨' })
    expect(signed.signedCount).toBe(1)
    const husband = await verifiedResident(t, admin, 't-charter-husband', B5, '502')
    expect((await overview(husband.client)).mySignature?.signedByName).toBe('王阿姨')
    await expectUnchanged(t, async () =>
      expectError(await husband.client.call('council', 'signCharter', { versionId }), 409, 'CHARTER.ALREADY_SIGNED'),
    )
    await expectUnchanged(t, async () =>
      expectError(await admin.call('council', 'signCharter', { versionId }), 403, 'AUTH.NOT_VERIFIED'),
    )
    await expectUnchanged(t, async () =>
      expectError(await otherResident.call('council', 'signCharter', { versionId }), 404, 'NOT_FOUND'),
    )
    await neighbourA.ok('council', 'signCharter', { versionId })
    const knock = await leader.ok('council', 'charterNotSigned', { buildingId: B5 })
    expect(knock.signedCount).toBe(2)
    expect(knock.rooms).not.toContain('502')
    expect(knock.rooms).not.toContain('301')
    expect(knock.rooms).toContain('402')
    expect(knock.rooms).toHaveLength(knock.householdCount - 2)
    // The list is rooms only: nothing else about the households.
    expect(Object.keys(knock).sort()).toEqual(['householdCount', 'number', 'rooms', 'signedCount', 'versionId'])
    expect((await admin.ok('council', 'charterNotSigned', { buildingId: B5 })).rooms).toEqual(knock.rooms)
    for (const [who, status, code] of [
      [wang, 403, 'AUTH.FORBIDDEN'],
      [otherLeader, 403, 'AUTH.FORBIDDEN'],
    ] as const)
      await expectUnchanged(t, async () =>
        expectError(await who.call('council', 'charterNotSigned', { buildingId: B5 }), status, code),
      )
  })

  test('when a new version fails its vote, then the current version stays and the draft can be changed and voted again', async () => {
    const draft = await draftFrom(leader, B5)
    expect(draft).toMatchObject({ number: 2, basedOn: '第 1 版', comparedWith: 1 })
    expect(draft.changes.every((c) => c.kind === 'same')).toBe(true)
    const articles = [
      { title: '楼道不堆物', text: '楼道是逃生通道，各户不堆放杂物；鞋柜请放在自家门内。' },
      { title: '电瓶车不上楼', text: TEMPLATE_ARTICLES[1]?.text ?? '' },
      { title: '安静时间', text: '晚上 10 点到早上 7 点，请放轻脚步、调低音量。' },
    ]
    const edited = (await leader.ok('council', 'editCharterDraft', { versionId: draft.versionId, articles }))
      .version as CharterVersionView
    expect(edited.changes.map((c) => [c.kind, c.title])).toEqual([
      ['changed', '楼道不堆物'],
      ['same', '电瓶车不上楼'],
      ['added', '安静时间'],
      ['removed', '装修时间'],
      ['removed', '大堂共享书架'],
    ])
    const voteId = await putToVote(leader, draft.versionId, clock.now())
    await vote(wang, voteId, 0)
    await vote(neighbourA, voteId, 1)
    await close(voteId)
    const after = await overview(leader)
    expect(after.current?.number).toBe(1)
    expect(after.draft).toMatchObject({ versionId: draft.versionId, status: 'draft' })
    // The failed decision's matter cannot be decided again by an ordinary majority vote.
    const { vote: failed } = (await leader.ok('council', 'getVote', { voteId })) as { vote: VoteView }
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'openVote', {
          matterId: failed.matterId,
          kind: 'yesNo',
          secret: false,
          closesAt: clock.now() + 3600_000,
          quorumPercent: 0,
          threshold: 'majority',
        }),
        403,
        'AUTH.FORBIDDEN',
      ),
    )
    await expectUnchanged(t, async () =>
      expectError(
        await leader.call('council', 'adoptCharter', { versionId: draft.versionId }),
        409,
        'CHARTER.NOT_PASSED',
      ),
    )
    // Voted again and passed: version 2 is current, and version 1 can no longer be signed.
    const second = await putToVote(leader, draft.versionId, clock.now())
    await vote(wang, second, 0)
    await vote(neighbourA, second, 0)
    await close(second)
    const now = await overview(neighbourB)
    expect(now.current?.number).toBe(2)
    expect(now.history.map((h) => h.number)).toEqual([2, 1])
    expect(now.signedCount).toBe(0)
    await expectUnchanged(t, async () =>
      expectError(
        await neighbourB.call('council', 'signCharter', { versionId: now.history[1]?.versionId }),
        409,
        'CHARTER.NOT_CURRENT',
      ),
    )
    const v1 = (await wang.ok('council', 'charterVersion', { versionId: now.history[1]?.versionId })).version
    expect(v1.status).toBe('adopted')
  })

  test('when the close was interrupted before adopting, then the leader adopts the passed version and only then', async () => {
    const draft = await draftFrom(leader, B5)
    const voteId = await putToVote(leader, draft.versionId, clock.now())
    await vote(wang, voteId, 0)
    await close(voteId)
    // As if the close had died between recording the result and adopting.
    await t.runtime.deps.store.update('charter_versions', draft.versionId, {
      set: { status: 'voting', voteId, effectiveAt: null, resultSentence: null },
    })
    const adopted = (await leader.ok('council', 'adoptCharter', { versionId: draft.versionId }))
      .version as CharterVersionView
    expect(adopted).toMatchObject({ number: 3, status: 'adopted' })
    const stored = await t.runtime.deps.store.get('charter_versions', draft.versionId)
    expect(stored?.effectiveAt).not.toBeNull()
  })

  test('when a draft was frozen for a vote that never opened, then after a minute it is a draft again and can be put to the vote', async () => {
    const { current } = await overview(leader)
    const draft = await draftFrom(leader, B5)
    expect(draft.number).toBe((current?.number ?? 0) + 1)
    // As if the process had died between freezing the draft and opening its vote.
    await t.runtime.deps.store.update('charter_versions', draft.versionId, {
      set: { status: 'voting', updatedAt: clock.now() },
    })
    expect((await overview(leader)).draft?.status).toBe('voting')
    clock.advance(STRANDED_AFTER_MS + 1)
    expect((await overview(leader)).draft).toMatchObject({ versionId: draft.versionId, status: 'draft' })
    const voteId = await putToVote(leader, draft.versionId, clock.now())
    await vote(wang, voteId, 0)
    await close(voteId)
    expect((await overview(wang)).current?.versionId).toBe(draft.versionId)
  })

  test('when the committee looks, then it sees every building and any charter, and changes none', async () => {
    const { buildings } = await admin.ok('council', 'charterBuildings', {})
    const five = buildings.find((b: { buildingId: string }) => b.buildingId === B5)
    expect(five).toMatchObject({ currentNumber: 4, draftStatus: null })
    expect(buildings.length).toBeGreaterThan(5)
    expect((await overview(admin)).canManage).toBe(false)
    await expectUnchanged(t, async () =>
      expectError(await leader.call('council', 'charterBuildings', {}), 403, 'AUTH.FORBIDDEN'),
    )
    await expectUnchanged(t, async () =>
      expectError(await otherResident.call('council', 'charter', { buildingId: B5 }), 403, 'AUTH.FORBIDDEN'),
    )
  })
})
