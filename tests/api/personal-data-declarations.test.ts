import { ALL_COLLECTIONS } from '../../cloudfunctions/core/collections'
import type { CollectionSpec, PersonLink } from '../../cloudfunctions/core/shared/collections'
import { idSegments } from '../../cloudfunctions/core/shared/personal-data'
import { newClientId } from '../support/chat'
import { arrangeWorld, B5, B5_GROUP, SKILL, type World } from '../support/authz-world'

/**
 * 导出我的数据 and 注销账号 are derived from each collection's `personalData` declaration. These
 * tests hold the declarations to what is really stored: on a demo database where every feature
 * has been used, any field holding a user id must be declared, the export must carry every
 * exportable link, and after an erasure the person's id may be left only where a declaration
 * says why.
 */

interface Sighting {
  collection: string
  /** `field`, `a.b`, `list[]`, `list[].userId`, or `_id` (equal) / `_id (part)` (embedded). */
  path: string
  docId: string
  userId: string
}

/** Every place in the database where a value is some user's id. */
function sightings(world: World, userIds: ReadonlySet<string>): Sighting[] {
  const db = world.t.runtime.db
  const found: Sighting[] = []
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'`)
    .all() as Array<{ name: string }>
  for (const { name } of tables) {
    const collection = name.slice(2)
    for (const row of db.prepare(`SELECT id, doc FROM "${name}"`).iterate() as Iterable<{ id: string; doc: string }>) {
      const see = (path: string, userId: string) => found.push({ collection, path, docId: row.id, userId })
      if (userIds.has(row.id)) see('_id', row.id)
      else for (const part of idSegments(row.id)) if (userIds.has(part)) see('_id (part)', part)
      const walk = (value: unknown, path: string): void => {
        if (typeof value === 'string') {
          if (userIds.has(value) && path !== '_id') see(path, value)
        } else if (Array.isArray(value)) value.forEach((item) => walk(item, `${path}[]`))
        else if (value && typeof value === 'object')
          for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key)
      }
      walk(JSON.parse(row.doc), '')
    }
  }
  return found
}

function specOf(collection: string): CollectionSpec | undefined {
  return ALL_COLLECTIONS.find((c) => c.name === collection)
}

function linkOf(spec: CollectionSpec | undefined, path: string): PersonLink | undefined {
  return spec?.personalData.links.find((l) => l.field === path)
}

/** What is missing, in the words of the fix: one line per undeclared field, with an example document. */
function undeclared(all: readonly Sighting[]): string[] {
  const problems = new Map<string, string>()
  for (const s of all) {
    const spec = specOf(s.collection)
    const key = `${s.collection}.${s.path}`
    if (problems.has(key)) continue
    if (!spec) {
      problems.set(
        key,
        `collection ${s.collection} stores user ids (e.g. ${s.docId}) but no *.collections.ts declares it: add it, with its personalData, to its feature's collections and so to ALL_COLLECTIONS`,
      )
      continue
    }
    if (s.path === '_id (part)') {
      if (!spec.personalData.idEmbeds) {
        problems.set(
          key,
          `${s.collection}: document ids embed a user id (e.g. ${s.docId}). In the ${s.collection} entry of its *.collections.ts, add to personalData: idEmbeds: { field: '<the field holding that user id>' } (add keep: '<why>' if the id may stay after erasure)`,
        )
      }
      continue
    }
    if (!linkOf(spec, s.path)) {
      problems.set(
        key,
        `${s.collection}.${s.path} holds a user id (e.g. in ${s.docId}) but is not declared. In the ${s.collection} entry of its *.collections.ts, add to personalData.links: ` +
          `{ field: '${s.path}', export: { as: '<name in the export>', fields: [<what the person gets>] }, erase: { delete: true } | { blank: { <field>: <value> } } | { keep: '<why the id may stay>' } }`,
      )
    }
  }
  return [...problems.values()].sort()
}

/** A part of an id that is itself a reference (a reported message's id names its sender) is that document's business, declared there. */
function partOfAReference(world: World, s: Sighting): boolean {
  const row = world.t.runtime.db.prepare(`SELECT doc FROM "c_${s.collection}" WHERE id = ?`).get(s.docId) as
    { doc: string } | undefined
  const doc = row ? (JSON.parse(row.doc) as Record<string, unknown>) : {}
  return Object.entries(doc).some(
    ([field, value]) =>
      field !== '_id' && typeof value === 'string' && value !== s.userId && idSegments(value).includes(s.userId),
  )
}

describe('personal data: the declarations match what is stored', () => {
  let world: World
  let userIds: Set<string>
  beforeAll(async () => {
    world = await arrangeWorld()
    await useEverything(world)
    const users = world.t.runtime.db.prepare(`SELECT id FROM "c_users"`).all() as Array<{ id: string }>
    userIds = new Set(users.map((u) => u.id))
  }, 120_000)
  afterAll(() => world.t.close())

  test('when every feature has been used, then every field that holds a user id is declared', () => {
    expect(undeclared(sightings(world, userIds))).toEqual([])
  })

  test('when the declarations are read, then every collection declares its personal data, with a reason wherever an id stays', () => {
    for (const spec of ALL_COLLECTIONS) {
      const { links, none, idEmbeds } = spec.personalData
      if (!links.length) expect([spec.name, typeof none]).toEqual([spec.name, 'string'])
      for (const link of links) {
        if (!link.export)
          expect([spec.name, link.field, typeof link.notExported]).toEqual([spec.name, link.field, 'string'])
        if (link.field.includes('[]'))
          expect([spec.name, link.field, 'keep' in link.erase || 'ending' in link.erase]).toEqual([
            spec.name,
            link.field,
            true,
          ])
      }
      if (idEmbeds) expect([spec.name, links.some((l) => l.field === idEmbeds.field)]).toEqual([spec.name, true])
    }
  })

  test('when a person who used every feature exports and then deletes their account, then the export has every declared link that names them, and afterwards their id is left only where a declaration keeps it', async () => {
    const person = world.callers.leader
    const before = sightings(world, new Set([person.userId]))
    const { data } = await person.client.ok('account', 'exportMyData')
    for (const s of before) {
      const link = linkOf(specOf(s.collection), s.path)
      if (!link?.export) continue
      expect([s.collection, s.path, data[s.collection]?.[link.export.as]?.length > 0]).toEqual([
        s.collection,
        s.path,
        true,
      ])
    }

    await person.client.ok('account', 'deleteMe', { confirm: true })

    const left = sightings(world, new Set([person.userId])).filter((s) => {
      const spec = specOf(s.collection)
      if (s.collection === 'users' && s.path === '_id') return false // the tombstone: 已注销用户
      if (s.path === '_id (part)') return !spec?.personalData.idEmbeds?.keep && !partOfAReference(world, s)
      const rule = linkOf(spec, s.path)?.erase
      return !(rule && ('keep' in rule || ('blank' in rule && rule.only)))
    })
    expect(left.map((s) => `${s.collection}.${s.path} (${s.docId})`)).toEqual([])
  })
})

/** Beyond the authorisation world: the actions that write the remaining kinds of link. */
async function useEverything(world: World): Promise<void> {
  const { setup, callers, neighbour, muteTarget, helper } = world
  const { leader, resident, organiser, columnist } = callers
  // Chat: read marks, a mute, a hidden report, a recall, a mention, a watch lease.
  await leader.client.ok('chat', 'markRead', { groupId: B5_GROUP, upTo: world.message.seq })
  await leader.client.ok('chat', 'updates', { groupId: B5_GROUP, since: 0, limit: 1 })
  await leader.client.ok('chat', 'mute', { groupId: B5_GROUP, userId: muteTarget.userId, minutes: 10 })
  await leader.client.ok('chat', 'resolveReport', { reportId: world.reportedMessageId, decision: 'hide' })
  const said = await leader.client.ok('chat', 'send', {
    groupId: B5_GROUP,
    clientId: newClientId(),
    text: '大家好',
    mentions: [neighbour.userId],
  })
  await resident.client.ok('chat', 'report', { messageId: said.messageId, reason: '其他' })
  const recalled = await leader.client.ok('chat', 'send', {
    groupId: B5_GROUP,
    clientId: newClientId(),
    text: '发错了',
  })
  await leader.client.ok('chat', 'recall', { messageId: recalled.messageId })
  // Announcements: read, edited, unpublished.
  await resident.client.ok('announcements', 'get', { announcementId: world.noticeId })
  await leader.client.ok('announcements', 'get', { announcementId: world.noticeId })
  await leader.client.ok('announcements', 'edit', { announcementId: world.noticeId, title: '水箱清洗（改期）' })
  const gone = await leader.client.ok('announcements', 'publish', {
    audience: { buildingId: B5 },
    title: '撤回用',
    body: '撤回用',
  })
  await leader.client.ok('announcements', 'unpublish', { announcementId: gone.announcementId })
  // Help: declined, accepted, completed (hours), cancelled; asked by the leader on a household's behalf.
  const declined = await resident.client.ok('buddies', 'requestHelp', { skill: SKILL, when: '周一' })
  await helper.client.ok('buddies', 'offerHelp', { requestId: declined.requestId })
  await resident.client.ok('buddies', 'declineOffer', { requestId: declined.requestId })
  const done = await leader.client.ok('buddies', 'requestHelp', {
    skill: SKILL,
    when: '周二',
    onBehalfOf: { buildingId: B5, room: '101' },
  })
  await helper.client.ok('buddies', 'offerHelp', { requestId: done.requestId })
  await leader.client.ok('buddies', 'acceptOffer', { requestId: done.requestId })
  await leader.client.ok('buddies', 'completeHelp', { requestId: done.requestId, minutes: 30 })
  const cancelled = await leader.client.ok('buddies', 'requestHelp', { skill: SKILL, when: '周三' })
  await leader.client.ok('buddies', 'cancelHelp', { requestId: cancelled.requestId })
  await setup.ok('buddies', 'reviewProposal', {
    proposalId: world.proposalId,
    decision: 'reject',
    reason: '已有类似小组',
  })
  // Events: a waitlist, a cancelled session.
  const full = (
    await leader.client.ok('events', 'create', { ...world.eventInput, audience: { buildingId: B5 }, capacity: 1 })
  ).event.eventId
  await leader.client.ok('events', 'rsvp', { eventId: full })
  await resident.client.ok('events', 'rsvp', { eventId: full })
  const off = (await leader.client.ok('events', 'create', { ...world.eventInput, audience: { buildingId: B5 } })).event
    .eventId
  await leader.client.ok('events', 'cancelEvent', { eventId: off, reason: '下雨' })
  // Health: a follower, an edited tip, a columnist's private answer.
  await leader.client.ok('health', 'follow')
  await columnist.client.ok('health', 'editTip', { tipId: world.tipId, body: '少量多次饮水。' })
  await columnist.client.ok('health', 'answer', {
    questionId: world.questionId,
    answer: '请去医院看看。',
    publish: false,
  })
  const asked = await leader.client.ok('health', 'ask', {
    question: '楼组长的健康问题',
    category: '其他',
    allowPublish: false,
  })
  await columnist.client.ok('health', 'answer', { questionId: asked.questionId, answer: '多休息。', publish: false })
  // Charter: the leader's household signs 5号楼's charter.
  await leader.client.ok('council', 'signCharter', { versionId: world.charterVersionId })
  // Council: the leader's household says +1 to a matter; the leader merges a duplicate.
  await leader.client.ok('council', 'supportMatter', { matterId: world.councilMatterId })
  const duplicate = await leader.client.ok('council', 'raiseMatter', { title: '重复的议题', text: '和另一条重复' })
  await leader.client.ok('council', 'mergeMatter', {
    matterId: duplicate.matter.matterId,
    intoMatterId: world.councilMatterId,
  })
  // Notifications: a WeChat subscription.
  await leader.client.ok('notifications', 'grantSubscriptions', { templateKeys: ['application', 'eventUpdate'] })
  // Account: a leader removes someone; the organiser is in the interest group.
  const leaving = await world.newResident(B5, '502', '搬走的')
  await leader.client.ok('account', 'removeResident', {
    membershipId: (await leaving.client.ok('account', 'me')).membership.membershipId,
  })
  void organiser
}
