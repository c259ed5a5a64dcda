/**
 * The authorisation matrix: for every action of every function (one row, sometimes a few
 * variants), what each kind of caller gets when they call it about building 5's things.
 *
 * - `✓`  allowed: the call succeeds (and shows what the row says it shows);
 * - `○`  allowed, but it reveals and changes none of the row's private things (a list that
 *        simply does not contain them, a no-op);
 * - a code: refused with exactly that code, nothing changed, nothing of the world in the reply.
 *
 * tests/api/authorization-matrix.test.ts checks every cell against the real runtime;
 * scripts/security-matrix.ts prints the same table into docs/SECURITY.md. Change a cell here
 * and both follow.
 */
import type { ErrorCode } from '../../contracts'

export const CALLER_KINDS = [
  'anonymous',
  'forged',
  'expired',
  'unverified',
  'pending',
  'resident',
  'otherResident',
  'leader',
  'otherLeader',
  'organiser',
  'columnist',
  'admin',
  'deleted',
] as const
export type CallerKind = (typeof CALLER_KINDS)[number]

/** Kinds with a live account: everything else is refused before any rule is consulted. */
export const LIVE_KINDS = [
  'unverified',
  'pending',
  'resident',
  'otherResident',
  'leader',
  'otherLeader',
  'organiser',
  'columnist',
  'admin',
] as const
export type LiveKind = (typeof LIVE_KINDS)[number]

/** Who each kind is, for the docs and the test's arrangement. */
export const KIND_NAMES: Record<CallerKind, { short: string; who: string }> = {
  anonymous: { short: '未登录', who: 'no token at all' },
  forged: { short: '伪造', who: "a resident's claims signed with another secret" },
  expired: { short: '过期', who: 'a genuine token of the resident, 31 days old (tokens live 30)' },
  unverified: { short: '未入楼', who: 'signed in, no building' },
  pending: { short: '待审核', who: 'applied to 5号楼 without the join code, waiting for the leader' },
  resident: { short: '本楼居民', who: 'verified resident of 金上海家园 5号楼; the author of the private things below' },
  otherResident: { short: '他楼居民', who: 'verified resident of 金上海家园 11号楼 (same estate)' },
  leader: { short: '本楼楼组长', who: 'leader of 5号楼 (and a verified resident there)' },
  otherLeader: { short: '他楼楼组长', who: 'leader of 11号楼 (and a verified resident there)' },
  organiser: {
    short: '兴趣组织者',
    who: 'a network buddy living in 合生高尔夫 2号楼, organiser of the matrix interest group',
  },
  columnist: { short: '专栏作者', who: 'health columnist, verified resident of 梅村 3号楼' },
  admin: { short: '居委会', who: 'committee admin, no building of their own' },
  deleted: { short: '已注销', who: 'a former resident of 5号楼 who deleted the account, using the old token' },
}

export type Cell = '✓' | '○' | ErrorCode

export interface Row {
  /** What the input refers to, in plain words (for the docs). */
  about: string
  cells: Record<CallerKind, Cell>
}

const OK = '✓' as const
const HIDDEN = '○' as const
const FORBIDDEN = 'AUTH.FORBIDDEN' as const
const NOT_VERIFIED = 'AUTH.NOT_VERIFIED' as const
const NOT_MEMBER = 'CHAT.NOT_MEMBER' as const
const NOT_FOUND = 'NOT_FOUND' as const
const NOT_BUDDY = 'BUDDY.NOT_SIGNED_UP' as const

/** Verified somewhere (the kinds a `verifiedResident` policy lets through). */
const VERIFIED: readonly LiveKind[] = ['resident', 'otherResident', 'leader', 'otherLeader', 'organiser', 'columnist']

/**
 * A row: the listed live kinds get their cell, every other live kind `rest`. Without a usable
 * token the answer is always AUTH.UNAUTHENTICATED, and a deleted account's old token always
 * ACCOUNT.DELETED: no rule of any action ever sees them.
 */
function row(about: string, cells: Partial<Record<LiveKind, Cell>>, rest: Cell): Row {
  const live = Object.fromEntries(LIVE_KINDS.map((kind) => [kind, cells[kind] ?? rest])) as Record<LiveKind, Cell>
  return {
    about,
    cells: {
      anonymous: 'AUTH.UNAUTHENTICATED',
      forged: 'AUTH.UNAUTHENTICATED',
      expired: 'AUTH.UNAUTHENTICATED',
      ...live,
      deleted: 'ACCOUNT.DELETED',
    },
  }
}

const each = (kinds: readonly LiveKind[], cell: Cell): Partial<Record<LiveKind, Cell>> =>
  Object.fromEntries(kinds.map((k) => [k, cell]))

const everyone = (about: string) => row(about, {}, OK)
/** No sign-in needed: every kind of caller, even without a usable token or account, gets it. */
const anyoneAtAll = (about: string): Row => ({
  about,
  cells: Object.fromEntries(CALLER_KINDS.map((kind) => [kind, OK])) as Record<CallerKind, Cell>,
})
const PINGS = Object.fromEntries(
  ['account', 'notifications', 'announcements', 'buddies', 'health', 'chat', 'events', 'council'].map((fn) => [
    `${fn}.ping`,
    anyoneAtAll('is the function up (database, content check); nothing personal'),
  ]),
)
const only = (about: string, kinds: readonly LiveKind[], refusal: Cell) => row(about, each(kinds, OK), refusal)

/** Keys are `function.action`, or `function.action#variant` for a second input worth its own row. */
export const MATRIX: Record<string, Row> = {
  // ---- every function: the smoke check's ping ---------------------------------------------
  ...PINGS,

  // ---- account ----------------------------------------------------------------------------
  'account.me': everyone('my own profile'),
  'account.acceptPrivacy': everyone('the current privacy notice'),
  'account.updateProfile': everyone('my own nickname (unchanged)'),
  'account.listBuildings': everyone('the neighbourhood directory'),
  'account.applyToBuilding': row(
    'apply to 5号楼 without a code (played by a new caller of each kind)',
    { resident: 'ACCOUNT.ALREADY_MEMBER', leader: 'ACCOUNT.ALREADY_MEMBER' },
    OK,
  ),
  'account.listApplications': only(
    "5号楼's pending applications (the applicant's room)",
    ['leader', 'admin'],
    FORBIDDEN,
  ),
  'account.reviewApplication': only('a pending application to 5号楼', ['leader', 'admin'], FORBIDDEN),
  'account.listResidents': only("5号楼's residents and rooms", ['leader', 'admin'], FORBIDDEN),
  'account.removeResident': only('a verified resident of 5号楼', ['leader', 'admin'], FORBIDDEN),
  'account.joinPoster': only("5号楼's lobby join code", ['leader', 'admin'], FORBIDDEN),
  'account.rotateJoinCode': only("5号楼's lobby join code", ['leader', 'admin'], FORBIDDEN),
  'account.assignRole': only('make a neighbour a columnist', ['admin'], FORBIDDEN),
  'account.revokeRole': only("take a neighbour's columnist role away", ['admin'], FORBIDDEN),
  'account.listStaff': only('who holds which role', ['admin'], FORBIDDEN),
  'account.setupStatus': anyoneAtAll(
    'is a neighbourhood loaded, is the committee claimed (two yes/no; nothing personal)',
  ),
  'account.claimCommittee': row(
    'claim the committee with a code (none is open: the committee exists)',
    {},
    'ACCOUNT.CLAIM_EXPIRED',
  ),
  'account.createSignInCode': only('a sign-in code for a new name (played once per kind)', ['admin'], FORBIDDEN),
  'account.listAuditLog': only('the committee audit log (who gave whom which role)', ['admin'], FORBIDDEN),
  'account.exportMyData': row('my own data (nobody else’s)', { resident: OK }, HIDDEN),
  'account.deleteMe': everyone('my own account (played by a new caller of each kind)'),

  // ---- notifications ----------------------------------------------------------------------
  'notifications.list': row("my notifications (the resident's include 5号楼's notice)", { resident: OK }, HIDDEN),
  'notifications.unreadCount': everyone('my unread count'),
  'notifications.markRead': row("the resident's notification about 5号楼's notice", { resident: OK }, HIDDEN),
  'notifications.grantSubscriptions': everyone('my WeChat subscribe grants'),
  'notifications.reminders': everyone('how many WeChat reminders I have left (only mine)'),

  // ---- announcements ----------------------------------------------------------------------
  'announcements.publish': only('a notice to 5号楼', ['leader', 'admin'], FORBIDDEN),
  'announcements.publish#neighbourhood': only('a notice to the whole neighbourhood', ['admin'], FORBIDDEN),
  'announcements.edit': only("the leader's notice to 5号楼", ['leader', 'admin'], FORBIDDEN),
  'announcements.unpublish': only("the leader's notice to 5号楼", ['leader', 'admin'], FORBIDDEN),
  'announcements.list': row(
    "5号楼's notices",
    { resident: OK, leader: OK, admin: OK, unverified: NOT_VERIFIED, pending: NOT_VERIFIED },
    FORBIDDEN,
  ),
  'announcements.list#feed': row(
    'my own feed',
    { resident: OK, leader: OK, unverified: NOT_VERIFIED, pending: NOT_VERIFIED },
    HIDDEN,
  ),
  'announcements.get': only("the leader's notice to 5号楼", ['resident', 'leader', 'admin'], NOT_FOUND),
  'announcements.reach': only('who has read the notice to 5号楼 (unread rooms)', ['leader', 'admin'], FORBIDDEN),

  // ---- buddies ----------------------------------------------------------------------------
  'buddies.myProfile': everyone('my own buddy profile'),
  'buddies.signUp': row(
    'sign up as a network buddy (played by a new caller of each kind)',
    { ...each(VERIFIED, OK), organiser: 'BUDDY.ALREADY_SIGNED_UP' },
    NOT_VERIFIED,
  ),
  'buddies.update': row('my own buddy profile', { ...each(VERIFIED, NOT_BUDDY), organiser: OK }, NOT_VERIFIED),
  'buddies.withdraw': only('leave the programme (played by a new caller of each kind)', ['organiser'], NOT_BUDDY),
  'buddies.listGroups': row('the interest-group directory', { ...each(VERIFIED, OK), admin: OK }, NOT_VERIFIED),
  'buddies.getGroup': row(
    'the matrix interest group (its member list)',
    { ...each(VERIFIED, HIDDEN), organiser: OK, admin: OK },
    NOT_VERIFIED,
  ),
  'buddies.createGroup': only('a new interest group', ['admin'], FORBIDDEN),
  'buddies.proposeGroup': row(
    'propose an interest group',
    { ...each(VERIFIED, NOT_BUDDY), organiser: OK },
    NOT_VERIFIED,
  ),
  'buddies.listProposals': row(
    "proposals (the organiser's pending one)",
    { ...each(VERIFIED, HIDDEN), organiser: OK, admin: OK },
    NOT_VERIFIED,
  ),
  'buddies.reviewProposal': only("the organiser's pending proposal", ['admin'], FORBIDDEN),
  'buddies.joinGroup': row('another interest group', { ...each(VERIFIED, NOT_BUDDY), organiser: OK }, NOT_VERIFIED),
  'buddies.leaveGroup': row(
    'the matrix interest group (played by a new caller of each kind)',
    { ...each(VERIFIED, HIDDEN), organiser: OK, admin: OK },
    NOT_VERIFIED,
  ),
  'buddies.setOrganiser': only('make a member of the matrix group its organiser', ['admin'], FORBIDDEN),
  'buddies.requestHelp': row('ask for help for my own home', { ...each(VERIFIED, OK) }, NOT_VERIFIED),
  'buddies.requestHelp#onBehalf': only('ask for help for a household of 5号楼', ['leader', 'admin'], FORBIDDEN),
  'buddies.listHelpRequests': only("5号楼's help requests (note, room)", ['leader', 'admin'], FORBIDDEN),
  'buddies.listHelpRequests#open': row(
    'requests I could take',
    { ...each(VERIFIED, NOT_BUDDY), organiser: HIDDEN },
    NOT_VERIFIED,
  ),
  'buddies.listHelpRequests#mine': row('requests I asked for', { resident: OK }, HIDDEN),
  'buddies.getHelpRequest': only("the resident's open help request", ['resident', 'leader', 'admin'], NOT_FOUND),
  'buddies.offerHelp': row(
    "the resident's open help request",
    { ...each(VERIFIED, NOT_BUDDY), organiser: NOT_FOUND },
    NOT_VERIFIED,
  ),
  'buddies.acceptOffer': only("a buddy's offer on the resident's request", ['resident', 'leader', 'admin'], NOT_FOUND),
  'buddies.declineOffer': only("a buddy's offer on the resident's request", ['resident', 'leader', 'admin'], NOT_FOUND),
  'buddies.withdrawOffer': row(
    "a buddy's offer on the resident's request (only that buddy may)",
    { resident: FORBIDDEN, leader: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'buddies.cancelHelp': only("the resident's open help request", ['resident', 'leader', 'admin'], NOT_FOUND),
  'buddies.completeHelp': only("the resident's accepted help request", ['resident', 'leader', 'admin'], NOT_FOUND),
  'buddies.myHours': everyone('my own volunteer hours'),
  'buddies.listMembers': only('every buddy (workplaces, homes)', ['admin'], FORBIDDEN),
  'buddies.memberStats': only('buddy statistics', ['admin'], FORBIDDEN),
  'buddies.exportMembers': only('every buddy as CSV', ['admin'], FORBIDDEN),
  'buddies.workplacePairs': only('workplaces and where buddies live', ['admin'], FORBIDDEN),

  // ---- health -----------------------------------------------------------------------------
  'health.overview': everyone('the column front page'),
  'health.follow': everyone('follow the column'),
  'health.unfollow': everyone('unfollow the column'),
  'health.publishTip': only('a new tip', ['columnist'], FORBIDDEN),
  'health.editTip': only("the columnist's tip", ['columnist'], FORBIDDEN),
  'health.unpublishTip': only("the columnist's tip", ['columnist', 'admin'], FORBIDDEN),
  'health.listTips': everyone('published tips'),
  'health.getTip': everyone("the columnist's published tip"),
  'health.ask': row('a question of my own', each(VERIFIED, OK), NOT_VERIFIED),
  'health.myQuestions': row('my own questions', { resident: OK }, HIDDEN),
  'health.withdraw': only("the resident's private question", ['resident'], NOT_FOUND),
  'health.inbox': only("waiting questions (the resident's among them)", ['columnist'], FORBIDDEN),
  'health.inboxItem': only("the resident's private question", ['columnist'], FORBIDDEN),
  'health.answer': only("the resident's private question", ['columnist'], FORBIDDEN),
  'health.listQA': row('published Q&A (never the private question)', {}, HIDDEN),
  'health.getQA': everyone('a published Q&A'),
  'health.search': row("the words of the resident's private question", {}, HIDDEN),

  // ---- chat -------------------------------------------------------------------------------
  'chat.listGroups': row(
    'my groups (5号楼 group with its last message)',
    { resident: OK, leader: OK, admin: OK },
    HIDDEN,
  ),
  'chat.send': only('5号楼 group', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.send#interest': only('the matrix interest group', ['organiser', 'admin'], NOT_MEMBER),
  'chat.sendImage': only('5号楼 group (a photo the caller uploaded)', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.storageUse': only('storage used by photos and voice, per building', ['admin'], FORBIDDEN),
  'chat.sendVoice': only('5号楼 group (a recording the caller uploaded)', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.mediaUrls': only("links to 5号楼 group's photos", ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.history': only('5号楼 group', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.history#interest': only('the matrix interest group', ['organiser', 'admin'], NOT_MEMBER),
  'chat.updates': only('5号楼 group', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.recall': only("the resident's message in 5号楼 group", ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.markRead': only('5号楼 group', ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.report': only("a neighbour's message in 5号楼 group", ['resident', 'leader', 'admin'], NOT_MEMBER),
  'chat.listReports': row("5号楼 group's reports", { resident: FORBIDDEN, leader: OK, admin: OK }, NOT_MEMBER),
  'chat.listReports#all': row(
    'reports in every group I moderate',
    { leader: OK, admin: OK, otherLeader: HIDDEN, organiser: HIDDEN },
    FORBIDDEN,
  ),
  'chat.resolveReport': row(
    'a reported message in 5号楼 group',
    { resident: FORBIDDEN, leader: OK, admin: OK },
    NOT_MEMBER,
  ),
  'chat.mute': row('a neighbour in 5号楼 group', { resident: FORBIDDEN, leader: OK, admin: OK }, NOT_MEMBER),
  'chat.unmute': row('a neighbour in 5号楼 group', { resident: FORBIDDEN, leader: OK, admin: OK }, NOT_MEMBER),
  'chat.listMembers': only('5号楼 group', ['resident', 'leader', 'admin'], NOT_MEMBER),

  // ---- events -----------------------------------------------------------------------------
  'events.create': only('an event for 5号楼', ['leader', 'admin'], FORBIDDEN),
  'events.create#group': only('an event for the matrix interest group', ['organiser', 'admin'], FORBIDDEN),
  'events.create#neighbourhood': only('an event for the whole neighbourhood', ['admin'], FORBIDDEN),
  'events.update': only("the leader's event for 5号楼", ['leader', 'admin'], FORBIDDEN),
  'events.list': row('events I may see (5号楼’s among them)', { resident: OK, leader: OK, admin: OK }, HIDDEN),
  'events.get': only("the leader's event for 5号楼", ['resident', 'leader', 'admin'], FORBIDDEN),
  'events.rsvp': only('an event for 5号楼', ['resident', 'leader'], FORBIDDEN),
  'events.cancelRsvp': only(
    'an event for 5号楼 the resident and the leader signed up for',
    ['resident', 'leader'],
    NOT_FOUND,
  ),
  'events.checkIn': only(
    "an event for 5号楼 starting in 30 minutes, with the screen's current code",
    ['resident', 'leader'],
    'EVENT.NOT_CONFIRMED',
  ),
  'events.checkInCode': only('the check-in code of that event', ['leader', 'admin'], FORBIDDEN),
  'events.markAttendance': only("change the resident's attendance at that event", ['leader', 'admin'], FORBIDDEN),
  'events.roster': only("that event's roster", ['leader', 'admin'], FORBIDDEN),
  'events.rosterCsv': only("that event's roster as CSV", ['leader', 'admin'], FORBIDDEN),
  'events.cancelEvent': only("the leader's event for 5号楼", ['leader', 'admin'], FORBIDDEN),
  'events.mine': row('my events (the resident and the leader go to 5号楼’s)', { resident: OK, leader: OK }, HIDDEN),
  'events.audiences': everyone('where I may publish'),
  // ---- council (议事) --------------------------------------------------------------------------
  'council.raiseMatter': row('raise a matter for my own building', { ...each(VERIFIED, OK) }, NOT_VERIFIED),
  'council.supportMatter': row(
    '+1 a matter of 5号楼 for my household',
    { resident: OK, leader: OK, admin: NOT_VERIFIED, unverified: NOT_VERIFIED, pending: NOT_VERIFIED },
    NOT_FOUND,
  ),
  'council.mergeMatter': row(
    'merge a duplicate matter of 5号楼 into another',
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.overview': only("5号楼's matters and open votes", ['resident', 'leader', 'admin'], FORBIDDEN),
  'council.openVote': row(
    'open a vote on a matter of 5号楼',
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.getVote': only(
    "a secret vote of 5号楼 (never a household's choice)",
    ['resident', 'leader', 'admin'],
    NOT_FOUND,
  ),
  'council.castBallot': row(
    'vote for my household in a vote of 5号楼',
    { resident: OK, leader: OK, admin: NOT_VERIFIED, unverified: NOT_VERIFIED, pending: NOT_VERIFIED },
    NOT_FOUND,
  ),
  'council.recordPaperBallot': row(
    "record room 606's paper ballot in a vote of 5号楼",
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.notVoted': row(
    'the door-knock list of a vote of 5号楼',
    { leader: OK, admin: OK, resident: FORBIDDEN },
    NOT_FOUND,
  ),

  // ---- council: 自治公约 (the charter) ---------------------------------------------------------
  'council.charter': only(
    "5号楼's charter: current version, draft, history",
    ['resident', 'leader', 'admin'],
    FORBIDDEN,
  ),
  'council.charterVersion': only(
    "a version of 5号楼's charter, with its changes",
    ['resident', 'leader', 'admin'],
    NOT_FOUND,
  ),
  'council.charterTemplates': everyone("the committee's charter templates (公约范本)"),
  'council.saveCharterTemplate': only('publish a charter template', ['admin'], FORBIDDEN),
  'council.draftCharter': row("draft 5号楼's next charter version from a template", { leader: OK }, FORBIDDEN),
  'council.editCharterDraft': row(
    "edit 5号楼's charter draft",
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.openCharterVote': row(
    "put 5号楼's charter draft to a two-thirds vote",
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.adoptCharter': row(
    "adopt 5号楼's charter version whose vote closed passed",
    { leader: OK, resident: FORBIDDEN, admin: FORBIDDEN },
    NOT_FOUND,
  ),
  'council.signCharter': row(
    "sign 5号楼's current charter for my household",
    { resident: OK, leader: OK, admin: NOT_VERIFIED, unverified: NOT_VERIFIED, pending: NOT_VERIFIED },
    NOT_FOUND,
  ),
  'council.charterNotSigned': row(
    'the rooms of 5号楼 that have not signed its charter',
    { leader: OK, admin: OK },
    FORBIDDEN,
  ),
  'council.charterBuildings': only("every building's charter at a glance", ['admin'], FORBIDDEN),

  // ---- council: 楼组主页 (the building's page) -------------------------------------------------
  'council.buildingHome': only(
    "5号楼's page: its 特色, leaders, counts, charter and next events",
    ['resident', 'leader', 'admin'],
    FORBIDDEN,
  ),
  'council.buildingTags': everyone("the committee's list of 特色"),
  'council.addBuildingTag': only('add a 特色 to the list', ['admin'], FORBIDDEN),
  'council.removeBuildingTag': only('remove a 特色 from the list', ['admin'], FORBIDDEN),
  'council.setBuildingTags': row("choose 5号楼's 特色 from the list", { leader: OK }, FORBIDDEN),
  'council.buildingDirectory': only("every building's 特色 at a glance", ['admin'], FORBIDDEN),
}

export function cellCount(): number {
  return Object.keys(MATRIX).length * CALLER_KINDS.length
}
