import * as z from 'zod'
import { action } from './action'
import { id, noInput, room, text } from './fields'
import { personalName, titleText } from './names'
import { pingAction } from './ping'

/**
 * Network buddies (网络小伙伴): young residents sign up with their interests and skills, join
 * interest groups (core/groups docs of kind `interest`), and lend their skills to older
 * neighbours through help requests, with the time they give recorded. Rules and the
 * recommendation order are written down in docs/BUDDIES.md.
 */

/** Interests a buddy picks from (and interest groups are tagged with). Shared with the form. */
export const INTERESTS = [
  '读书',
  '合唱',
  '舞蹈',
  '摄影',
  '运动',
  '拳操',
  '时政',
  '亲子',
  '志愿服务',
  '书画',
  '棋牌',
  '烹饪',
  '园艺',
  '旅行',
  '电影',
  '手工',
] as const
export type Interest = (typeof INTERESTS)[number]

/** What a buddy can help an older neighbour with; a help request names one of these. */
export const SKILLS = [
  '教老人用手机',
  '陪同就医',
  '代买代办',
  '摄影修图',
  '家电小修',
  '辅导功课',
  '电脑维修',
  '搬运重物',
  '外语翻译',
  '法律咨询',
  '心理陪伴',
] as const
export type Skill = (typeof SKILLS)[number]

export const AGE_BANDS = ['18-25', '26-35', '36-45'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
export const AGE_BAND_NAMES: Record<AgeBand, string> = { '18-25': '18–25 岁', '26-35': '26–35 岁', '36-45': '36–45 岁' }

export const AVAILABILITY = ['weekday-evening', 'weekend', 'flexible'] as const
export type Availability = (typeof AVAILABILITY)[number]
export const AVAILABILITY_NAMES: Record<Availability, string> = {
  'weekday-evening': '工作日晚上',
  weekend: '周末',
  flexible: '时间灵活',
}

export const BUDDY_LIMITS = {
  nicknameMax: 20,
  interestsMin: 1,
  interestsMax: 8,
  tagsMax: 3,
  tagMax: 8,
  workplaceMax: 40,
  groupNameMax: 20,
  groupDescriptionMax: 200,
  groupInterestsMax: 3,
  whenMax: 30,
  noteMax: 200,
  /** Minutes one confirmed help can add to the ledger: 5 minutes to 10 hours. */
  minutesMin: 5,
  minutesMax: 600,
} as const

/** Pages that notifications link to (both ends use them). */
export const BUDDY_PAGES = {
  help: '/packages/buddies/pages/help/index',
  helpDetail: '/packages/buddies/pages/help-detail/index',
  group: '/packages/buddies/pages/group/index',
  proposals: '/packages/buddies/pages/proposals/index',
} as const

// ---- views -------------------------------------------------------------------------------

/**
 * What a buddy says about themselves, declared once: the sign-up form and its schema
 * (`BuddyProfileInput`), the profile and member-list views, and the stored document all build on it.
 */
export interface BuddyProfileFields {
  nickname: string
  ageBand: AgeBand
  interests: Interest[]
  tags: string[]
  skills: Skill[]
  workplace?: string
  availability: Availability[]
}

export interface BuddyProfileView extends BuddyProfileFields {
  userId: string
  consentAt: number
  signedUpAt: number
  updatedAt: number
}

export type GroupRoleView = 'member' | 'organiser'

export interface MyGroupView {
  groupId: string
  name: string
  role: GroupRoleView
  joinedAt: number
}

export interface MyBuddyView {
  /** null: not signed up (yet, or any more). */
  profile: BuddyProfileView | null
  groups: MyGroupView[]
  /** Confirmed volunteer minutes, for the profile page. */
  totalMinutes: number
}

/** The group's next session (events feature), shown to its members and the committee. */
export interface GroupNextEvent {
  eventId: string
  title: string
  startAt: number
}

export type GroupSection = 'recommended' | 'mine' | 'other'

export interface InterestGroupSummary {
  groupId: string
  name: string
  description: string
  interests: Interest[]
  memberCount: number
  /** The next session not over yet and not cancelled; only for members and the committee (who may see the group's events). */
  nextEvent?: GroupNextEvent | null
  /** Where it sits in the directory; see docs/BUDDIES.md for the order. */
  section: GroupSection
  /** Interests the group shares with mine, in my order; the reason it is recommended. */
  matched: Interest[]
  myRole: GroupRoleView | null
}

export interface GroupPersonView {
  userId: string
  nickname: string
  role: GroupRoleView
}

export interface InterestGroupDetail extends InterestGroupSummary {
  organisers: GroupPersonView[]
  /** Every member, for members of the group and the committee; absent for everyone else. */
  members?: GroupPersonView[]
  createdAt: number
  /** Committee (may set organisers). */
  canManage: boolean
  /** Whether the caller may join now (a signed-up buddy who is not a member). */
  canJoin: boolean
}

export type ProposalStatus = 'pending' | 'approved' | 'rejected'
export const PROPOSAL_STATUS_NAMES: Record<ProposalStatus, string> = {
  pending: '等待居委会审核',
  approved: '已通过',
  rejected: '未通过',
}

export interface GroupProposalView {
  proposalId: string
  name: string
  description: string
  interests: Interest[]
  proposerId: string
  proposerName: string
  status: ProposalStatus
  reason?: string
  /** The group created on approval. */
  groupId?: string
  createdAt: number
  reviewedAt?: number
}

export type HelpStatus = 'open' | 'offered' | 'accepted' | 'completed' | 'cancelled'
export const HELP_STATUS_NAMES: Record<HelpStatus, string> = {
  open: '等待小伙伴',
  offered: '有人愿意帮忙，待确认',
  accepted: '已确认，等待帮忙',
  completed: '已完成',
  cancelled: '已取消',
}

/**
 * A help request as one person may see it. `room` is present only for the requester's side
 * (the requester, a leader of the building, the committee) and for the helper once the offer
 * is accepted — never for a buddy who is still deciding or waiting.
 */
export interface HelpRequestView {
  requestId: string
  skill: Skill
  when: string
  note: string
  status: HelpStatus
  /** e.g. 金上海家园 5号楼 */
  buildingLabel: string
  estateId: string
  /** Who asked: the resident, or the leader who asked on a resident's behalf. */
  requesterName: string
  /** Set when a leader asked on a resident's behalf. */
  onBehalf: boolean
  room?: string
  helperId?: string
  helperName?: string
  minutes?: number
  createdAt: number
  offeredAt?: number
  acceptedAt?: number
  completedAt?: number
  cancelledAt?: number
  /** What the caller may do now. */
  mine: {
    isRequester: boolean
    isHelper: boolean
    canOffer: boolean
    canAcceptOrDecline: boolean
    canComplete: boolean
    canCancel: boolean
    canWithdraw: boolean
  }
}

export interface HoursEntryView {
  requestId: string
  skill: Skill
  minutes: number
  confirmedAt: number
}

export interface MyHoursView {
  totalMinutes: number
  entries: HoursEntryView[]
}

export interface BuddyMemberRow extends BuddyProfileFields {
  userId: string
  /** The building they are verified in now; absent when they have moved away. */
  buildingId?: string
  buildingLabel: string
  groupCount: number
  totalMinutes: number
  signedUpAt: number
}

export interface CountRow {
  key: string
  label: string
  count: number
}

export interface BuddyStatsView {
  total: number
  byBuilding: CountRow[]
  byInterest: CountRow[]
  byAgeBand: CountRow[]
  bySkill: CountRow[]
  totalMinutes: number
}

export interface WorkplacePairView {
  /** As most buddies wrote it. */
  workplace: string
  count: number
  buildings: CountRow[]
}

// ---- inputs ------------------------------------------------------------------------------

/** A list with no value twice (the message names the field, like every other). */
function distinct<T extends z.ZodType>(item: T, min: number, max: number) {
  return z
    .array(item)
    .min(min)
    .max(max)
    .refine((list) => new Set(list as unknown[]).size === list.length, { message: '有重复的选项' })
}

const interests = distinct(z.enum(INTERESTS), BUDDY_LIMITS.interestsMin, BUDDY_LIMITS.interestsMax)
const tags = distinct(text({ max: BUDDY_LIMITS.tagMax }), 0, BUDDY_LIMITS.tagsMax)
const skills = distinct(z.enum(SKILLS), 0, SKILLS.length)
const availability = distinct(z.enum(AVAILABILITY), 1, AVAILABILITY.length)

const profileFields = {
  nickname: personalName({ max: BUDDY_LIMITS.nicknameMax }),
  ageBand: z.enum(AGE_BANDS),
  interests,
  tags: tags.optional(),
  skills: skills.optional(),
  workplace: text({ max: BUDDY_LIMITS.workplaceMax }).optional(),
  availability,
} satisfies { [K in keyof BuddyProfileFields]-?: z.ZodType }

/** The profile as the form sends it (tags and skills may be left out). */
export type BuddyProfileInput = z.output<z.ZodObject<typeof profileFields>>

const groupFields = {
  name: titleText({ max: BUDDY_LIMITS.groupNameMax }),
  description: text({ max: BUDDY_LIMITS.groupDescriptionMax, multiline: true }),
  interests: distinct(z.enum(INTERESTS), 1, BUDDY_LIMITS.groupInterestsMax),
}

const memberFilters = {
  buildingId: id.optional(),
  interest: z.enum(INTERESTS).optional(),
  skill: z.enum(SKILLS).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
}

const requestRef = z.strictObject({ requestId: id })
const groupRef = z.strictObject({ groupId: id })

export const buddiesContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  /** My buddy profile (or null), my interest groups and my confirmed minutes. */
  myProfile: action<MyBuddyView>()(noInput),
  signUp: action<MyBuddyView>()(
    z.strictObject({ ...profileFields, consent: z.literal(true, { message: '请阅读并同意说明' }) }),
  ),
  update: action<MyBuddyView>()(z.strictObject(profileFields)),
  /** Leave the programme: the profile is deleted and every interest-group membership ends. */
  withdraw: action<{ withdrawn: true }>()(z.strictObject({ confirm: z.literal(true, { message: '请确认退出' }) })),

  listGroups: action<{ groups: InterestGroupSummary[] }>()(noInput),
  getGroup: action<InterestGroupDetail>()(groupRef),
  createGroup: action<InterestGroupDetail>()(z.strictObject(groupFields)),
  proposeGroup: action<GroupProposalView>()(z.strictObject(groupFields)),
  listProposals: action<{ proposals: GroupProposalView[] }>()(
    z.strictObject({ status: z.enum(['pending', 'approved', 'rejected']).optional() }),
  ),
  reviewProposal: action<GroupProposalView>()(
    z.strictObject({ proposalId: id, decision: z.enum(['approve', 'reject']), reason: text({ max: 100 }).optional() }),
  ),
  joinGroup: action<InterestGroupDetail>()(groupRef),
  leaveGroup: action<InterestGroupDetail>()(groupRef),
  setOrganiser: action<InterestGroupDetail>()(z.strictObject({ groupId: id, userId: id, organiser: z.boolean() })),

  /**
   * Ask for help. `onBehalfOf` is for a building leader asking for a resident of their building
   * who does not use the app: the resident's room in that building. The leader then acts as the
   * requester (accepts the offer, confirms completion).
   */
  requestHelp: action<HelpRequestView>()(
    z.strictObject({
      skill: z.enum(SKILLS),
      when: text({ max: BUDDY_LIMITS.whenMax }),
      note: text({ min: 0, max: BUDDY_LIMITS.noteMax, multiline: true }).optional(),
      onBehalfOf: z.strictObject({ buildingId: id, room }).optional(),
    }),
  ),
  /**
   * `open`: requests I could take (my skills, my estate); `mine`: ones I asked for (or asked on a
   * resident's behalf); `helping`: ones I offered to help with; `building`: a building's requests,
   * for its leader and the committee.
   */
  listHelpRequests: action<{ requests: HelpRequestView[] }>()(
    z.discriminatedUnion('scope', [
      z.strictObject({ scope: z.literal('open') }),
      z.strictObject({ scope: z.literal('mine') }),
      z.strictObject({ scope: z.literal('helping') }),
      z.strictObject({ scope: z.literal('building'), buildingId: id }),
    ]),
  ),
  getHelpRequest: action<HelpRequestView>()(requestRef),
  /** First offer takes the request (HELP.ALREADY_TAKEN for the rest). */
  offerHelp: action<HelpRequestView>()(requestRef),
  acceptOffer: action<HelpRequestView>()(requestRef),
  declineOffer: action<HelpRequestView>()(requestRef),
  /** The helper steps back (before the help is done); the request is open again. */
  withdrawOffer: action<HelpRequestView>()(requestRef),
  cancelHelp: action<HelpRequestView>()(requestRef),
  /** The requester (or the building's leader) confirms the help happened: minutes go to the helper's ledger. */
  completeHelp: action<HelpRequestView>()(
    z.strictObject({
      requestId: id,
      minutes: z
        .number({ message: '请填写帮忙用了多少分钟' })
        .int({ message: '请填写整数分钟' })
        .min(BUDDY_LIMITS.minutesMin, { message: `至少 ${BUDDY_LIMITS.minutesMin} 分钟` })
        .max(BUDDY_LIMITS.minutesMax, { message: `最多 ${BUDDY_LIMITS.minutesMax} 分钟（10 小时）` }),
    }),
  ),
  myHours: action<MyHoursView>()(noInput),

  /** Committee: buddies, filtered; every filter is optional. */
  listMembers: action<{ members: BuddyMemberRow[]; total: number }>()(z.strictObject(memberFilters)),
  memberStats: action<BuddyStatsView>()(noInput),
  /** Committee: the filtered list as CSV text (UTF-8 with BOM, opens in Excel/WPS). */
  exportMembers: action<{ filename: string; csv: string; rows: number }>()(z.strictObject(memberFilters)),
  /** Committee: buddies per workplace and where they live (双楼共建). */
  workplacePairs: action<{ workplaces: WorkplacePairView[]; withoutWorkplace: number }>()(noInput),
}

export type BuddiesContract = typeof buddiesContract
