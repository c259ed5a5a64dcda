/**
 * One fixture per row of the authorisation matrix: the input that refers to 5号楼's things, and
 * what an allowed reply must show (✓) or an allowed-but-private reply must not (○).
 */
import { PRIVACY_NOTICE_VERSION } from '../../contracts'
import type { LiveKind } from '../api/authorization-matrix.table'
import { SETTLE_GRACE_MS, settleDueVotes } from '../../cloudfunctions/core/council/settle'
import { photoWithGps, upload } from './media'
import { browserVoice } from './voice'
import { B5, B5_GROUP, roomValue, SECRET, SKILL, type Person, type World } from './authz-world'

export interface Fixture {
  /** The call's data. `who` is the caller (or, for callers without a usable token, the resident). */
  input(w: World, who: Person): unknown | Promise<unknown>
  /** Each allowed cell gets a new input: the action uses its thing up (approving, cancelling…). */
  fresh?: boolean
  /** Allowed cells are played by a brand-new caller of the kind: the action changes who they are. */
  freshCaller?: boolean
  /** What a ✓ reply must contain (for the given kind). */
  shows?(w: World, kind: LiveKind): string[] | Promise<string[]>
  /** What a ○ reply must not contain. */
  secrets?(w: World): string[] | Promise<string[]>
}

const fixed = (data: unknown): Fixture => ({ input: () => data })
const APPLYING_ROOMS = ['503', '504', '506', '601', '602', '603', '604', '605', '606']
const none = fixed(undefined)
const both = (words: (w: World) => string[]): Pick<Fixture, 'shows' | 'secrets'> => ({
  shows: (w) => words(w),
  secrets: (w) => words(w),
})

const profile = (nickname: string) => ({
  nickname,
  ageBand: '26-35',
  interests: ['合唱', '读书'],
  skills: ['摄影修图'],
  workplace: '矩阵科技园',
  availability: ['weekend'],
})

async function newNotice(w: World): Promise<string> {
  const notice = await w.callers.leader.client.ok('announcements', 'publish', {
    audience: { buildingId: B5 },
    title: w.unique('矩阵临时通知'),
    body: '矩阵：稍后撤下',
  })
  return notice.announcementId
}

async function newRequest(w: World, stage: 'open' | 'offered' | 'accepted'): Promise<string> {
  const { requestId } = await w.callers.resident.client.ok('buddies', 'requestHelp', {
    skill: SKILL,
    when: '下周一上午',
  })
  if (stage !== 'open') await w.helper.client.ok('buddies', 'offerHelp', { requestId })
  if (stage === 'accepted') await w.callers.resident.client.ok('buddies', 'acceptOffer', { requestId })
  return requestId
}

async function newLeaderEvent(w: World): Promise<string> {
  const now = w.clock.now()
  const { event } = await w.callers.leader.client.ok('events', 'create', {
    ...w.eventInput,
    title: w.unique('矩阵临时活动'),
    startAt: now + 6 * 24 * 3600_000,
    endAt: now + 6 * 24 * 3600_000 + 3600_000,
    audience: { buildingId: B5 },
  })
  return event.eventId
}

const newEventInput = (w: World, audience: unknown) => {
  const start = w.clock.now() + 7 * 24 * 3600_000
  return { title: '矩阵新活动', place: '活动室', startAt: start, endAt: start + 3600_000, capacity: 10, audience }
}

async function checkInCode(w: World): Promise<string> {
  return (await w.setup.ok('events', 'checkInCode', { eventId: w.checkInEventId })).code
}

async function newCouncilVote(w: World): Promise<string> {
  const { matter } = await w.callers.resident.client.ok('council', 'raiseMatter', {
    title: w.unique('矩阵议题'),
    text: '矩阵：稍后表决',
  })
  const { vote } = await w.callers.leader.client.ok('council', 'openVote', {
    matterId: matter.matterId,
    kind: 'yesNo',
    secret: false,
    closesAt: w.clock.now() + 7 * 24 * 3600_000,
    quorumPercent: 0,
    threshold: 'majority',
  })
  return vote.voteId
}

/**
 * 5号楼's charter draft in `draft` status: made if there is none; one being voted on has its vote
 * closed (unpassed: no ballots), and one whose passed vote was left unadopted is adopted first.
 */
async function charterDraft(w: World): Promise<string> {
  const leader = w.callers.leader.client
  const { draft } = await leader.ok('council', 'charter', { buildingId: B5 })
  if (draft?.status === 'draft') return draft.versionId
  if (draft?.status === 'voting') {
    const { version } = await leader.ok('council', 'charterVersion', { versionId: draft.versionId })
    const { vote } = await leader.ok('council', 'getVote', { voteId: version.voteId })
    if (vote.status === 'open') {
      w.clock.set(vote.closesAt + SETTLE_GRACE_MS)
      await settleDueVotes(w.t.runtime.deps)
    } else await leader.ok('council', 'adoptCharter', { versionId: draft.versionId })
    return charterDraft(w)
  }
  return (await leader.ok('council', 'draftCharter', { buildingId: B5 })).version.versionId
}

const charterVoteInput = async (w: World) => ({
  versionId: await charterDraft(w),
  closesAt: w.clock.now() + 11 * 60_000,
  quorumPercent: 0,
  secret: false,
})

/** A version whose two-thirds vote closed passed, left as an interrupted close leaves it: not yet adopted. */
async function passedNotAdopted(w: World): Promise<string> {
  const input = await charterVoteInput(w)
  const { voteId } = await w.callers.leader.client.ok('council', 'openCharterVote', input)
  await w.callers.resident.client.ok('council', 'castBallot', { voteId, choice: 0 })
  w.clock.set(input.closesAt + SETTLE_GRACE_MS)
  await settleDueVotes(w.t.runtime.deps)
  await w.t.runtime.deps.store.update('charter_versions', input.versionId, {
    set: { status: 'voting', voteId, effectiveAt: null, resultSentence: null },
  })
  return input.versionId
}

async function currentCharter(w: World): Promise<string> {
  return (await w.setup.ok('council', 'charter', { buildingId: B5 })).current.versionId
}

const CHARTER_ARTICLES = [{ title: '矩阵条目', text: '矩阵：楼道不堆物' }]

export const FIXTURES: Record<string, Fixture> = {
  // ---- account ----------------------------------------------------------------------------
  ...Object.fromEntries(
    ['account', 'notifications', 'announcements', 'buddies', 'health', 'chat', 'events', 'council'].map((fn) => [
      `${fn}.ping`,
      fixed({ contentCheck: true }),
    ]),
  ),
  'account.me': none,
  'account.acceptPrivacy': fixed({ version: PRIVACY_NOTICE_VERSION }),
  'account.updateProfile': { input: (_w, who) => ({ nickname: who.nickname, largeText: false }) },
  'account.listBuildings': none,
  // A different room each time: a room takes only a few pending applications at once.
  'account.applyToBuilding': {
    input: (w) => ({ buildingId: B5, room: APPLYING_ROOMS[Number(w.unique('')) % APPLYING_ROOMS.length] }),
    freshCaller: true,
  },
  'account.listApplications': { ...fixed({ buildingId: B5 }), shows: () => [roomValue(SECRET.pendingRoom)] },
  'account.reviewApplication': {
    fresh: true,
    async input(w) {
      const applicant = await w.t.login(w.unique('mx-applicant-'))
      return {
        membershipId: (await applicant.ok('account', 'applyToBuilding', { buildingId: B5, room: '505' })).membershipId,
        decision: 'approve',
      }
    },
  },
  'account.listResidents': { ...fixed({ buildingId: B5 }), shows: () => [roomValue(SECRET.residentRoom)] },
  'account.removeResident': {
    fresh: true,
    async input(w) {
      const leaving = await w.newResident(B5, '504', '搬走')
      return { membershipId: (await leaving.client.ok('account', 'me')).membership.membershipId, reason: '已搬走' }
    },
  },
  'account.joinPoster': { ...fixed({ buildingId: B5 }), shows: async (w) => [`"${await w.joinCode()}"`] },
  'account.rotateJoinCode': fixed({ buildingId: B5 }),
  'account.assignRole': { input: (w) => ({ userId: w.neighbour.userId, role: 'columnist' }) },
  'account.revokeRole': {
    fresh: true,
    async input(w) {
      const holder = await w.t.login(w.unique('mx-role-'))
      const { userId } = await holder.ok('account', 'me')
      await w.setup.ok('account', 'assignRole', { userId, role: 'columnist' })
      return { userId, role: 'columnist' }
    },
  },
  'account.listStaff': none,
  'account.setupStatus': none,
  'account.claimCommittee': fixed({ code: '0000-0000-0000' }),
  'account.listAuditLog': none,
  'account.createSignInCode': { input: (w) => ({ who: w.unique('矩阵新人') }) },
  'account.exportMyData': {
    ...none,
    shows: () => [roomValue(SECRET.residentRoom), SECRET.message, SECRET.question],
    secrets: (w) => [
      w.callers.resident.nickname,
      roomValue(SECRET.residentRoom),
      SECRET.message,
      SECRET.question,
      SECRET.helpNote,
    ],
  },
  'account.deleteMe': { ...fixed({ confirm: true }), freshCaller: true },

  // ---- notifications ----------------------------------------------------------------------
  'notifications.list': { ...fixed({ limit: 50 }), ...both(() => [SECRET.noticeTitle]) },
  'notifications.unreadCount': none,
  'notifications.markRead': { input: (w) => ({ ids: [w.residentNoticeNotificationId] }) },
  'notifications.grantSubscriptions': fixed({ templateKeys: ['announcement'] }),
  'notifications.reminders': none,

  // ---- announcements ----------------------------------------------------------------------
  'announcements.publish': fixed({
    audience: { buildingId: B5 },
    title: '矩阵：楼道灯已修好',
    body: '谢谢大家的耐心。',
  }),
  'announcements.publish#neighbourhood': fixed({
    audience: 'neighbourhood',
    title: '矩阵：居民区通知',
    body: '矩阵测试用的全居民区通知。',
  }),
  'announcements.edit': { input: (w) => ({ announcementId: w.noticeId, pinned: false }) },
  'announcements.unpublish': { fresh: true, input: async (w) => ({ announcementId: await newNotice(w) }) },
  'announcements.list': { ...fixed({ buildingId: B5, limit: 50 }), shows: () => [SECRET.noticeTitle] },
  'announcements.list#feed': { ...fixed({ limit: 50 }), ...both(() => [SECRET.noticeTitle]) },
  'announcements.get': { input: (w) => ({ announcementId: w.noticeId }), shows: () => [SECRET.noticeBody] },
  'announcements.reach': { input: (w) => ({ announcementId: w.noticeId }), shows: () => [SECRET.noticeTitle] },

  // ---- buddies ----------------------------------------------------------------------------
  'buddies.myProfile': none,
  'buddies.signUp': { input: (_w, who) => ({ ...profile(who.nickname), consent: true }), freshCaller: true },
  'buddies.update': { input: (_w, who) => profile(who.nickname) },
  'buddies.withdraw': { ...fixed({ confirm: true }), freshCaller: true },
  'buddies.listGroups': none,
  'buddies.getGroup': { input: (w) => ({ groupId: w.groupId }), ...both((w) => [w.groupie.nickname]) },
  'buddies.createGroup': {
    input: (w) => ({ name: w.unique('矩阵新组'), description: '矩阵测试', interests: ['读书'] }),
  },
  'buddies.proposeGroup': {
    input: (w) => ({ name: w.unique('矩阵提议'), description: '矩阵测试', interests: ['读书'] }),
  },
  'buddies.listProposals': { ...fixed({ status: 'pending' }), ...both(() => [SECRET.proposal]) },
  'buddies.reviewProposal': {
    fresh: true,
    async input(w) {
      const { proposalId } = await w.callers.organiser.client.ok('buddies', 'proposeGroup', {
        name: w.unique('矩阵待审'),
        description: '矩阵测试',
        interests: ['读书'],
      })
      return { proposalId, decision: 'reject', reason: '矩阵测试' }
    },
  },
  'buddies.joinGroup': { input: (w) => ({ groupId: w.spareGroupId }) },
  'buddies.leaveGroup': {
    input: (w) => ({ groupId: w.groupId }),
    freshCaller: true,
    shows: (w, kind) => (kind === 'admin' ? [w.groupie.nickname] : []),
    secrets: (w) => [w.groupie.nickname],
  },
  'buddies.setOrganiser': { input: (w) => ({ groupId: w.groupId, userId: w.helper.userId, organiser: true }) },
  'buddies.requestHelp': fixed({ skill: SKILL, when: '周二下午', note: '矩阵测试' }),
  'buddies.requestHelp#onBehalf': fixed({
    skill: SKILL,
    when: '周三上午',
    onBehalfOf: { buildingId: B5, room: '402' },
  }),
  'buddies.listHelpRequests': { ...fixed({ scope: 'building', buildingId: B5 }), shows: () => [SECRET.helpNote] },
  'buddies.listHelpRequests#open': { ...fixed({ scope: 'open' }), secrets: () => [SECRET.helpNote] },
  'buddies.listHelpRequests#mine': { ...fixed({ scope: 'mine' }), ...both(() => [SECRET.helpNote]) },
  'buddies.getHelpRequest': {
    input: (w) => ({ requestId: w.helpRequestId }),
    shows: () => [SECRET.helpNote, roomValue(SECRET.residentRoom)],
  },
  'buddies.offerHelp': { input: (w) => ({ requestId: w.helpRequestId }) },
  'buddies.acceptOffer': { fresh: true, input: async (w) => ({ requestId: await newRequest(w, 'offered') }) },
  'buddies.declineOffer': { fresh: true, input: async (w) => ({ requestId: await newRequest(w, 'offered') }) },
  'buddies.withdrawOffer': { input: (w) => ({ requestId: w.offeredRequestId }) },
  'buddies.cancelHelp': { fresh: true, input: async (w) => ({ requestId: await newRequest(w, 'open') }) },
  'buddies.completeHelp': {
    fresh: true,
    input: async (w) => ({ requestId: await newRequest(w, 'accepted'), minutes: 30 }),
  },
  'buddies.myHours': none,
  'buddies.listMembers': { ...fixed({}), shows: (w) => [w.helper.nickname] },
  'buddies.memberStats': none,
  'buddies.exportMembers': { ...fixed({}), shows: (w) => [w.helper.nickname] },
  'buddies.workplacePairs': { ...none, shows: () => ['矩阵科技园'] },

  // ---- health -----------------------------------------------------------------------------
  'health.overview': none,
  'health.follow': none,
  'health.unfollow': none,
  'health.publishTip': fixed({ title: '矩阵：冬季防滑', body: '雨雪天出门穿防滑鞋。', tags: ['运动'] }),
  'health.editTip': { input: (w) => ({ tipId: w.tipId, title: w.tipTitle }) },
  'health.unpublishTip': {
    fresh: true,
    async input(w) {
      const { tipId } = await w.callers.columnist.client.ok('health', 'publishTip', {
        title: w.unique('矩阵临时贴士'),
        body: '稍后撤下。',
      })
      return { tipId }
    },
  },
  'health.listTips': fixed({}),
  'health.getTip': { input: (w) => ({ tipId: w.tipId }), shows: (w) => [w.tipTitle] },
  'health.ask': fixed({ question: '矩阵：血压偶尔偏高怎么办？', category: '慢病', allowPublish: false }),
  'health.myQuestions': { ...none, ...both(() => [SECRET.question]) },
  'health.withdraw': {
    fresh: true,
    async input(w) {
      const { questionId } = await w.callers.resident.client.ok('health', 'ask', {
        question: '矩阵：这个问题稍后撤回',
        category: '其他',
        allowPublish: false,
      })
      return { questionId }
    },
  },
  'health.inbox': { ...none, shows: () => [SECRET.question] },
  'health.inboxItem': { input: (w) => ({ questionId: w.questionId }), shows: () => [SECRET.question] },
  'health.answer': {
    fresh: true,
    async input(w) {
      const { questionId } = await w.callers.resident.client.ok('health', 'ask', {
        question: '矩阵：这个问题马上回复',
        category: '其他',
        allowPublish: false,
      })
      return { questionId, answer: '矩阵测试的回复。', publish: false }
    },
  },
  'health.listQA': { ...fixed({}), secrets: () => [SECRET.question] },
  'health.getQA': { input: (w) => ({ entryId: w.qaEntryId }), shows: () => ['六千步'] },
  'health.search': { ...fixed({ q: '夜里咳嗽 胸口发闷' }), secrets: () => [SECRET.question] },

  // ---- chat -------------------------------------------------------------------------------
  'chat.listGroups': { ...none, ...both(() => [SECRET.message]) },
  'chat.send': { input: (w) => ({ groupId: B5_GROUP, clientId: w.unique('mx-send-'), text: '矩阵：大家好' }) },
  'chat.send#interest': {
    input: (w) => ({ groupId: w.groupId, clientId: w.unique('mx-send-'), text: '矩阵：组里好' }),
  },
  'chat.sendImage': {
    fresh: true,
    // The upload is the caller's own (callers without a usable token borrow the resident's).
    async input(w, who) {
      const uploader = who.client.token ? who.client : w.callers.resident.client
      return {
        groupId: B5_GROUP,
        clientId: w.unique('mx-photo-'),
        upload: await upload(uploader, await photoWithGps({ width: 64, height: 48 })),
      }
    },
  },
  'chat.storageUse': none,
  'chat.sendVoice': {
    fresh: true,
    async input(w, who) {
      const uploader = who.client.token ? who.client : w.callers.resident.client
      return {
        groupId: B5_GROUP,
        clientId: w.unique('mx-voice-'),
        upload: await upload(uploader, browserVoice(1.5), 'audio/mpeg'),
        durationMs: 1500,
      }
    },
  },
  'chat.mediaUrls': { input: (w) => ({ groupId: B5_GROUP, messageIds: [w.message.messageId] }) },
  'chat.history': { ...fixed({ groupId: B5_GROUP }), shows: () => [SECRET.message] },
  'chat.history#interest': { input: (w) => ({ groupId: w.groupId }), shows: () => [SECRET.groupMessage] },
  'chat.updates': {
    input: (w) => ({ groupId: B5_GROUP, since: w.message.version - 1 }),
    shows: () => [SECRET.message],
  },
  'chat.recall': {
    fresh: true,
    async input(w) {
      const sent = await w.callers.resident.client.ok('chat', 'send', {
        groupId: B5_GROUP,
        clientId: w.unique('mx-recall-'),
        text: '矩阵：说错了',
      })
      return { messageId: sent.messageId }
    },
  },
  'chat.markRead': { input: (w) => ({ groupId: B5_GROUP, upTo: w.message.seq }) },
  'chat.report': { input: (w) => ({ messageId: w.reportableMessageId, reason: '其他' }) },
  'chat.listReports': { ...fixed({ groupId: B5_GROUP }), shows: () => [SECRET.reported] },
  'chat.listReports#all': { ...fixed({}), ...both(() => [SECRET.reported]) },
  'chat.resolveReport': {
    fresh: true,
    async input(w) {
      const sent = await w.neighbour.client.ok('chat', 'send', {
        groupId: B5_GROUP,
        clientId: w.unique('mx-report-'),
        text: '矩阵：又一条广告',
      })
      await w.muteTarget.client.ok('chat', 'report', { messageId: sent.messageId, reason: '广告推销' })
      return { reportId: sent.messageId, decision: 'keep' }
    },
  },
  'chat.mute': { input: (w) => ({ groupId: B5_GROUP, userId: w.muteTarget.userId, minutes: 10 }) },
  'chat.unmute': { input: (w) => ({ groupId: B5_GROUP, userId: w.muteTarget.userId }) },
  'chat.listMembers': { ...fixed({ groupId: B5_GROUP }), shows: (w) => [w.callers.resident.nickname] },

  // ---- events -----------------------------------------------------------------------------
  'events.create': { input: (w) => newEventInput(w, { buildingId: B5 }) },
  'events.create#group': { input: (w) => newEventInput(w, { groupId: w.groupId }) },
  'events.create#neighbourhood': { input: (w) => newEventInput(w, 'neighbourhood') },
  'events.update': { input: (w) => ({ eventId: w.eventId, ...w.eventInput }) },
  'events.list': { ...fixed({}), ...both(() => [SECRET.eventTitle]) },
  'events.get': { input: (w) => ({ eventId: w.eventId }), shows: () => [SECRET.eventTitle] },
  'events.rsvp': { input: (w) => ({ eventId: w.rsvpEventId }) },
  'events.cancelRsvp': { input: (w) => ({ eventId: w.cancelRsvpEventId }) },
  'events.checkIn': { fresh: true, input: async (w) => ({ eventId: w.checkInEventId, code: await checkInCode(w) }) },
  'events.checkInCode': { input: (w) => ({ eventId: w.checkInEventId }) },
  'events.markAttendance': {
    input: (w) => ({ eventId: w.checkInEventId, userId: w.callers.resident.userId, attended: false }),
  },
  'events.roster': { input: (w) => ({ eventId: w.checkInEventId }), shows: (w) => [w.callers.resident.nickname] },
  'events.rosterCsv': { input: (w) => ({ eventId: w.checkInEventId }), shows: (w) => [w.callers.resident.nickname] },
  'events.cancelEvent': {
    fresh: true,
    input: async (w) => ({ eventId: await newLeaderEvent(w), reason: '矩阵：天气不好' }),
  },
  'events.mine': { ...none, ...both(() => [SECRET.checkInTitle]) },
  'events.audiences': none,

  // ---- council ----------------------------------------------------------------------------
  'council.raiseMatter': fixed({ title: '矩阵：新议题', text: '矩阵：议题内容' }),
  'council.supportMatter': {
    fresh: true,
    input: async (w) => ({
      matterId: (
        await w.callers.resident.client.ok('council', 'raiseMatter', {
          title: w.unique('矩阵附议'),
          text: '矩阵：请附议',
        })
      ).matter.matterId,
    }),
  },
  'council.mergeMatter': {
    fresh: true,
    input: async (w) => ({
      matterId: (
        await w.callers.resident.client.ok('council', 'raiseMatter', {
          title: w.unique('矩阵重复议题'),
          text: '矩阵：重复',
        })
      ).matter.matterId,
      intoMatterId: w.councilMatterId,
    }),
  },
  'council.overview': { ...fixed({ buildingId: B5 }), shows: () => [SECRET.matterTitle] },
  'council.openVote': {
    fresh: true,
    input: async (w) => {
      const { matter } = await w.callers.resident.client.ok('council', 'raiseMatter', {
        title: w.unique('矩阵待表决'),
        text: '矩阵：请表决',
      })
      return {
        matterId: matter.matterId,
        kind: 'yesNo',
        secret: false,
        closesAt: w.clock.now() + 24 * 3600_000,
        quorumPercent: 50,
        threshold: 'majority',
      }
    },
  },
  'council.getVote': { input: (w) => ({ voteId: w.councilVoteId }), shows: () => [SECRET.matterTitle] },
  'council.castBallot': { input: (w) => ({ voteId: w.councilVoteId, choice: 0 }) },
  'council.recordPaperBallot': {
    fresh: true,
    input: async (w) => ({ voteId: await newCouncilVote(w), room: '606', choice: 0 }),
  },
  'council.notVoted': { input: (w) => ({ voteId: w.councilVoteId }) },
  'council.charter': { ...fixed({ buildingId: B5 }), shows: () => [SECRET.charterArticle] },
  'council.charterVersion': {
    input: (w) => ({ versionId: w.charterVersionId }),
    shows: () => [SECRET.charterArticle],
  },
  'council.charterTemplates': { ...none, input: () => ({}), shows: () => ['矩阵公约范本'] },
  'council.saveCharterTemplate': fixed({ title: '矩阵：新范本', articles: CHARTER_ARTICLES }),
  'council.draftCharter': { fresh: true, input: (w) => ({ buildingId: B5, templateId: w.charterTemplateId }) },
  'council.editCharterDraft': {
    input: async (w) => ({ versionId: await charterDraft(w), articles: CHARTER_ARTICLES }),
  },
  'council.openCharterVote': { fresh: true, input: charterVoteInput },
  'council.adoptCharter': { fresh: true, input: async (w) => ({ versionId: await passedNotAdopted(w) }) },
  'council.signCharter': { input: async (w) => ({ versionId: await currentCharter(w) }) },
  'council.charterNotSigned': fixed({ buildingId: B5 }),
  'council.charterBuildings': fixed({}),
  'council.buildingHome': { ...fixed({ buildingId: B5 }), shows: () => ['矩阵楼组', '金上海家园 5号楼'] },
  'council.buildingTags': { ...none, input: () => ({}), shows: () => ['矩阵楼组'] },
  'council.addBuildingTag': { fresh: true, input: () => ({ name: `矩阵特色${++addedTags}` }) },
  'council.removeBuildingTag': { fresh: true, input: async (w) => ({ tagId: await spareTag(w) }) },
  'council.setBuildingTags': { input: (w) => ({ buildingId: B5, tagIds: [w.buildingTagId] }) },
  'council.buildingDirectory': { ...fixed({}), shows: () => ['矩阵楼组'] },
}

let addedTags = 0
/** A tag on the committee's list that no building carries, for the committee to remove. */
async function spareTag(w: World): Promise<string> {
  const { tags } = await w.setup.ok('council', 'addBuildingTag', { name: `矩阵备用${++addedTags}` })
  return (tags as { tagId: string }[]).at(-1)?.tagId as string
}
