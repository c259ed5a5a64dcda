import { firstOf } from '../../cloudfunctions/core/shared/lists'
/**
 * The world the authorisation matrix plays in: one runtime on the demo neighbourhood, a caller of
 * every kind, and private things of 金上海家园 5号楼 — a chat message, a notice, events, a help
 * request with a room, a private health question, a pending application — each with words that
 * appear nowhere else, so a reply that leaks them is caught by a plain substring search.
 */
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import { loadOrCreateSecret, TokenSigner } from '../../cloudfunctions/runtime/tokens'
import { charterVersionId as charterVersionIdOf } from '../../cloudfunctions/core/charter/charter.docs'
import type { LiveKind } from '../api/authorization-matrix.table'
import { TestClock } from './clock'
import { ApiClient, startTestRuntime, type TestRuntime } from './runtime'

export const B5 = 'jsh-5'
export const B5_GROUP = `bg-${B5}`
const OTHER = 'jsh-11'
const ORGANISER_HOME = 'hsgef-2'
const COLUMNIST_HOME = 'mc-3'
const HELPER_HOME = 'jsh-9'
export const SKILL = '教老人用手机'
const HOUR = 3600_000
const DAY = 24 * HOUR

/** Words that exist only in the world's private things. */
export const SECRET = {
  residentRoom: '603',
  pendingRoom: '604',
  message: '矩阵密语：五楼东户明早九点修水管',
  groupMessage: '矩阵密语：合唱组周五换到二楼排练',
  reported: '矩阵密语：低价代办居住证联系我',
  question: '矩阵密语：我最近夜里咳嗽胸口发闷要紧吗',
  helpNote: '矩阵密语：钥匙放在门口鞋柜里',
  noticeTitle: '矩阵密语：五号楼水箱清洗',
  noticeBody: '矩阵密语：周三停水半天，请提前储水。',
  proposal: '矩阵密语读书会',
  eventTitle: '矩阵密语茶话会',
  checkInTitle: '矩阵密语楼道议事会',
  matterTitle: '矩阵密语：楼道堆物清理',
  charterArticle: '矩阵密语：大堂书架轮值',
} as const

/** A room as a value in JSON (not three digits inside a timestamp). */
export const roomValue = (room: string) => `"room":"${room}"`

export interface Person {
  client: ApiClient
  userId: string
  openid: string
  nickname: string
  room?: string
}

export interface World {
  t: TestRuntime
  clock: TestClock
  /** Every line the runtime logged. */
  logs: string[]
  /** The demo committee persona: arranges things, is never a caller in the matrix. */
  setup: ApiClient
  callers: Record<LiveKind, Person>
  /** Tokens that identify nobody usable. */
  anonymous: ApiClient
  forged: ApiClient
  expired: ApiClient
  deleted: ApiClient
  /** Make another caller of a kind (for actions that change who the caller is). */
  newCaller(kind: LiveKind): Promise<Person>
  /** A new verified resident of a building (for fixtures). */
  newResident(buildingId: string, room: string, label: string): Promise<Person>
  neighbour: Person
  muteTarget: Person
  groupie: Person
  helper: Person
  groupId: string
  spareGroupId: string
  message: { messageId: string; seq: number; version: number }
  reportedMessageId: string
  reportableMessageId: string
  noticeId: string
  residentNoticeNotificationId: string
  eventId: string
  eventInput: Record<string, unknown>
  rsvpEventId: string
  cancelRsvpEventId: string
  checkInEventId: string
  questionId: string
  tipId: string
  tipTitle: string
  qaEntryId: string
  helpRequestId: string
  offeredRequestId: string
  proposalId: string
  councilMatterId: string
  councilVoteId: string
  /** The committee's template, and 5号楼's adopted charter (version 1). */
  charterTemplateId: string
  charterVersionId: string
  /** A 特色 on the committee's list, chosen by 5号楼. */
  buildingTagId: string
  /** 5号楼's join code now (it rotates during the run). */
  joinCode(): Promise<string>
  /** Everything no refusal may ever contain. */
  secrets(): Promise<string[]>
  unique(prefix: string): string
}

let sequence = 0

export async function arrangeWorld(): Promise<World> {
  const clock = new TestClock()
  // Rate limits are the limiter's business (tests/api/hardening.test.ts): here every cell must be
  // decided by who is calling, however many fixtures one person needs.
  const logs: string[] = []
  // The media check never answers during the matrix: a verdict landing mid-run would look like a refused call changing the database.
  const t = await startTestRuntime({
    clock,
    rateLimits: false,
    logLevel: 'info',
    logWrite: (line) => logs.push(line),
    mediaCheck: { delayMs: 3_600_000 },
  })
  const setup = await t.login('demo-admin')
  const people: Person[] = []
  const unique = (prefix: string) => `${prefix}${++sequence}`

  async function person(label: string): Promise<Person> {
    const openid = `mx-${++sequence}`
    const nickname = `矩阵${label}${sequence}号`
    const client = await t.login(openid, nickname)
    const me = await client.ok('account', 'me')
    await client.ok('account', 'acceptPrivacy', { version: PRIVACY_NOTICE_VERSION })
    const made = { client, userId: me.userId as string, openid, nickname }
    people.push(made)
    return made
  }
  async function joinCodeOf(buildingId: string): Promise<string> {
    return (await setup.ok('account', 'joinPoster', { buildingId })).joinCode as string
  }
  async function newResident(buildingId: string, room: string, label: string): Promise<Person> {
    const made = await person(label)
    const membership = await made.client.ok('account', 'applyToBuilding', {
      buildingId,
      room,
      joinCode: await joinCodeOf(buildingId),
    })
    if (membership.status !== 'verified') throw new Error(`${label} not verified`)
    return { ...made, room }
  }
  async function grant(who: Person, role: string, buildingId?: string): Promise<void> {
    await setup.ok('account', 'assignRole', { userId: who.userId, role, ...(buildingId ? { buildingId } : {}) })
  }
  async function buddy(who: Person, skills: string[] = []): Promise<void> {
    await who.client.ok('buddies', 'signUp', {
      nickname: who.nickname,
      ageBand: '26-35',
      interests: ['合唱', '读书'],
      skills,
      workplace: '矩阵科技园',
      availability: ['weekend'],
      consent: true,
    })
  }

  const groupName = unique('矩阵合唱组')
  const groupId = (
    await setup.ok('buddies', 'createGroup', {
      name: groupName,
      description: '矩阵测试用的兴趣小组',
      interests: ['合唱'],
    })
  ).groupId as string

  // A second group nobody here has joined yet, for joining.
  const spareGroupId = (
    await setup.ok('buddies', 'createGroup', {
      name: unique('矩阵摄影组'),
      description: '矩阵测试用的第二个小组',
      interests: ['摄影'],
    })
  ).groupId as string

  async function newCaller(kind: LiveKind): Promise<Person> {
    switch (kind) {
      case 'unverified':
        return person('未入楼')
      case 'pending': {
        const made = await person('待审核')
        const membership = await made.client.ok('account', 'applyToBuilding', {
          buildingId: B5,
          room: SECRET.pendingRoom,
        })
        if (membership.status !== 'pending') throw new Error('applicant not pending')
        return { ...made, room: SECRET.pendingRoom }
      }
      case 'resident':
        return newResident(B5, SECRET.residentRoom, '本楼居民')
      case 'otherResident':
        return newResident(OTHER, '502', '他楼居民')
      case 'leader': {
        const made = await newResident(B5, '601', '本楼的张阿姨')
        await grant(made, 'leader', B5)
        return made
      }
      case 'otherLeader': {
        const made = await newResident(OTHER, '601', '他楼的李阿姨')
        await grant(made, 'leader', OTHER)
        return made
      }
      case 'organiser': {
        const made = await newResident(ORGANISER_HOME, '301', '组织者')
        await buddy(made, ['摄影修图'])
        await setup.ok('buddies', 'setOrganiser', { groupId, userId: made.userId, organiser: true })
        return made
      }
      case 'columnist': {
        const made = await newResident(COLUMNIST_HOME, '301', '专栏作者')
        await grant(made, 'columnist')
        return made
      }
      case 'admin': {
        const made = await person('街道的陈老师')
        await grant(made, 'admin')
        return made
      }
    }
  }

  const callers = {} as Record<LiveKind, Person>
  for (const kind of [
    'unverified',
    'pending',
    'resident',
    'otherResident',
    'leader',
    'otherLeader',
    'organiser',
    'columnist',
    'admin',
  ] as const) {
    callers[kind] = await newCaller(kind)
  }
  const { resident, leader, organiser, columnist } = callers

  const neighbour = await newResident(B5, '605', '邻居')
  const muteTarget = await newResident(B5, '606', '被禁言')
  const groupie = await newResident('hsgef-3', '301', '组员')
  await buddy(groupie)
  await groupie.client.ok('buddies', 'joinGroup', { groupId })
  const helper = await newResident(HELPER_HOME, '301', '小伙伴')
  await buddy(helper, [SKILL])

  // A former resident of 5号楼 who deleted the account; their old token is kept.
  const gone = await newResident(B5, '602', '已注销')
  await gone.client.ok('account', 'deleteMe', { confirm: true })
  people.splice(people.indexOf(gone), 1)

  // Chat: a reported message, one still to report, the interest group's talk, then the resident's words last.
  const say = async (who: Person, group: string, text: string) =>
    who.client.ok('chat', 'send', { groupId: group, clientId: unique('mxclient-'), text })
  const reported = await say(neighbour, B5_GROUP, SECRET.reported)
  await muteTarget.client.ok('chat', 'report', { messageId: reported.messageId, reason: '广告推销' })
  const reportable = await say(neighbour, B5_GROUP, '矩阵：谁家的快递放错了？')
  await say(organiser, groupId, SECRET.groupMessage)
  const message = await say(resident, B5_GROUP, SECRET.message)

  // A notice to 5号楼, and the resident's notification of it.
  const notice = await leader.client.ok('announcements', 'publish', {
    audience: { buildingId: B5 },
    title: SECRET.noticeTitle,
    body: SECRET.noticeBody,
  })
  const { items } = await resident.client.ok('notifications', 'list', { limit: 50 })
  const residentNotice = items.find((n: { title: string }) => n.title === SECRET.noticeTitle)
  if (!residentNotice) throw new Error('the resident was not notified of the notice')

  // Events of 5号楼: one to look at, one to sign up for, one to cancel a place at, one starting soon.
  const now = clock.now()
  const eventInput = {
    title: SECRET.eventTitle,
    description: '矩阵：带上茶杯',
    place: '5号楼一楼活动室',
    startAt: now + 3 * DAY,
    endAt: now + 3 * DAY + 2 * HOUR,
    capacity: 20,
  }
  const create = async (input: Record<string, unknown>) =>
    (await leader.client.ok('events', 'create', { ...input, audience: { buildingId: B5 } })).event.eventId as string
  const eventId = await create(eventInput)
  const rsvpEventId = await create({
    ...eventInput,
    title: '矩阵报名活动',
    startAt: now + 4 * DAY,
    endAt: now + 4 * DAY + HOUR,
  })
  const cancelRsvpEventId = await create({
    ...eventInput,
    title: '矩阵取消报名活动',
    startAt: now + 5 * DAY,
    endAt: now + 5 * DAY + HOUR,
  })
  const checkInEventId = await create({
    ...eventInput,
    title: SECRET.checkInTitle,
    startAt: now + HOUR / 2,
    endAt: now + 2 * HOUR,
  })
  for (const who of [resident, leader]) {
    await who.client.ok('events', 'rsvp', { eventId: cancelRsvpEventId })
    await who.client.ok('events', 'rsvp', { eventId: checkInEventId })
  }

  // Health: the resident's private question, a tip, and a published Q&A.
  const questionId = (
    await resident.client.ok('health', 'ask', { question: SECRET.question, category: '其他', allowPublish: false })
  ).questionId as string
  const tipTitle = '矩阵：秋季饮水小贴士'
  const tipId = (
    await columnist.client.ok('health', 'publishTip', {
      title: tipTitle,
      body: '少量多次饮水，别等口渴再喝。',
      tags: ['饮食'],
    })
  ).tipId as string
  const published = (
    await neighbour.client.ok('health', 'ask', {
      question: '矩阵：老人每天走多少步合适？',
      category: '运动',
      allowPublish: true,
    })
  ).questionId
  const qaEntryId = (
    await columnist.client.ok('health', 'answer', {
      questionId: published,
      answer: '量力而行，六千步左右即可。',
      publish: true,
    })
  ).entryId as string

  // Help: the resident's open request (note and room), and one a buddy has offered to take.
  const helpRequestId = (
    await resident.client.ok('buddies', 'requestHelp', { skill: SKILL, when: '周六上午', note: SECRET.helpNote })
  ).requestId as string
  const offeredRequestId = (await resident.client.ok('buddies', 'requestHelp', { skill: SKILL, when: '周日下午' }))
    .requestId as string
  await helper.client.ok('buddies', 'offerHelp', { requestId: offeredRequestId })

  // 议事: the resident's matter in 5号楼, and the leader's open vote on it.
  const councilMatterId = (
    await resident.client.ok('council', 'raiseMatter', {
      title: SECRET.matterTitle,
      text: '矩阵：楼道里的旧家具请各户认领',
    })
  ).matter.matterId as string
  const councilVoteId = (
    await leader.client.ok('council', 'openVote', {
      matterId: councilMatterId,
      kind: 'yesNo',
      secret: true,
      closesAt: now + 20 * DAY,
      quorumPercent: 50,
      threshold: 'majority',
    })
  ).vote.voteId as string

  // 楼组主页: a 特色 on the committee's list, chosen by 5号楼.
  const buildingTagId = firstOf(
    (await setup.ok('council', 'addBuildingTag', { name: '矩阵楼组' })).tags as { tagId: string }[],
  ).tagId
  await t.runtime.deps.store.put('building_profiles', {
    _id: B5,
    buildingId: B5,
    tagIds: [buildingTagId],
    updatedBy: leader.userId,
    updatedAt: now,
  })

  // 自治公约: a template, and 5号楼's version 1, stored as adopted (adoption itself: tests/api/charter.test.ts).
  const charterArticles = [{ title: '大堂书架', text: SECRET.charterArticle }]
  const charterTemplateId = (
    await setup.ok('council', 'saveCharterTemplate', { title: '矩阵公约范本', articles: charterArticles })
  ).template.templateId as string
  const charterVersionId = charterVersionIdOf(B5, 1)
  await t.runtime.deps.store.insert('charter_versions', {
    _id: charterVersionId,
    buildingId: B5,
    number: 1,
    status: 'adopted',
    articles: charterArticles,
    basedOn: '范本「矩阵公约范本」',
    draftedBy: leader.userId,
    draftedAt: now,
    updatedAt: now,
    voteId: null,
    effectiveAt: now,
    resultSentence: '通过：矩阵',
    signedCount: 0,
  })

  const proposalId = (
    await organiser.client.ok('buddies', 'proposeGroup', {
      name: SECRET.proposal,
      description: '矩阵：每月读一本书',
      interests: ['读书'],
    })
  ).proposalId as string

  // Tokens that must get nobody anywhere: another secret's signature, and a genuine one past its 30 days.
  const forged = new ApiClient(
    t.url,
    new TokenSigner(randomBytes(48), () => clock.now()).sign({ uid: resident.userId, openid: resident.openid }),
  )
  const secret = loadOrCreateSecret(path.join(t.dir, 'secret.key'))
  const expired = new ApiClient(
    t.url,
    new TokenSigner(secret, () => clock.now() - 31 * DAY).sign({ uid: resident.userId, openid: resident.openid }),
  )

  async function joinCode(): Promise<string> {
    return (await t.runtime.deps.store.get('join_codes', B5))?.code ?? ''
  }

  return {
    t,
    clock,
    logs,
    setup,
    callers,
    anonymous: t.anonymous,
    forged,
    expired,
    deleted: gone.client,
    newCaller,
    newResident,
    neighbour,
    muteTarget,
    groupie,
    helper,
    groupId,
    spareGroupId,
    message: { messageId: message.messageId, seq: message.seq, version: message.version },
    reportedMessageId: reported.messageId,
    reportableMessageId: reportable.messageId,
    noticeId: notice.announcementId,
    residentNoticeNotificationId: residentNotice.notificationId,
    eventId,
    eventInput,
    rsvpEventId,
    cancelRsvpEventId,
    checkInEventId,
    questionId,
    tipId,
    tipTitle,
    qaEntryId,
    helpRequestId,
    offeredRequestId,
    proposalId,
    councilMatterId,
    councilVoteId,
    charterTemplateId,
    charterVersionId,
    buildingTagId,
    joinCode,
    async secrets() {
      return [
        ...Object.values(SECRET).filter((s) => s.length > 4),
        roomValue(SECRET.residentRoom),
        roomValue(SECRET.pendingRoom),
        `"${await joinCode()}"`,
        ...people.map((p) => p.nickname),
      ]
    },
    unique,
  }
}
