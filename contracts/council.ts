import * as z from 'zod'
import { action } from './action'
import { buildingActions } from './building'
import { charterActions } from './charter'
import { id, room, text, timestamp } from './fields'
import { titleText } from './names'
import { pingAction } from './ping'

/**
 * 楼组议事会: a building raises matters (议题) and decides them by vote (表决), one vote per
 * household. The rules — quorum, thresholds, paper ballots, what stays secret — are written down
 * in docs/COUNCIL.md.
 */

export const COUNCIL_LIMITS = {
  titleMax: 40,
  textMax: 2000,
  optionsMin: 2,
  optionsMax: 6,
  optionTextMax: 20,
  /** A vote stays open at least this long, so that neighbours without the app can be reached. */
  minOpenMs: 10 * 60 * 1000,
  maxOpenMs: 30 * 24 * 3600 * 1000,
} as const

/** The three choices of a yes/no decision, in this order. */
export const YES_NO_OPTIONS = ['同意', '反对', '弃权'] as const

/** What an export or the household's own view says for a secret ballot, instead of the choice. */
export const SECRET_CHOICE_LABEL = '已投票（不记名）'

export const COUNCIL_PAGE = '/packages/council/pages/index/index'
export const VOTE_PAGE = '/packages/council/pages/vote/index'

export function voteLink(voteId: string): string {
  return `${VOTE_PAGE}?id=${voteId}`
}

/** `majority`: more than half the households that voted chose it; `twoThirds`: at least two thirds of them. */
export type VoteThreshold = 'majority' | 'twoThirds'
export const THRESHOLD_NAMES: Record<VoteThreshold, string> = { majority: '过半数', twoThirds: '三分之二以上' }

export type VoteKind = 'yesNo' | 'choice'
export type VoteStatus = 'open' | 'closed'
/** `merged`: a duplicate the leader folded into another matter (`mergedInto`), closed for +1 and votes. */
export type MatterStatus = 'open' | 'voting' | 'decided' | 'merged'

const optionText = text({ max: COUNCIL_LIMITS.optionTextMax })

const openVoteInput = z
  .strictObject({
    matterId: id,
    kind: z.enum(['yesNo', 'choice']),
    /** Only for `choice`: 2 to 6 distinct options. */
    options: z.array(optionText).min(COUNCIL_LIMITS.optionsMin).max(COUNCIL_LIMITS.optionsMax).optional(),
    secret: z.boolean(),
    closesAt: timestamp,
    /** Share of the building's households that must take part, in percent (0 = no quorum). */
    quorumPercent: z
      .number()
      .int({ message: '请填写整数' })
      .min(0, { message: '不能小于 0' })
      .max(100, { message: '不能大于 100' }),
    threshold: z.enum(['majority', 'twoThirds']),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'choice') {
      if (!value.options) ctx.addIssue({ code: 'custom', path: ['options'], message: '请填写至少 2 个选项' })
      else if (new Set(value.options).size !== value.options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' })
    } else if (value.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: '同意/反对/弃权的表决不用填选项' })
  })

export interface MatterSummary {
  matterId: string
  buildingId: string
  title: string
  text: string
  authorName: string
  raisedAt: number
  status: MatterStatus
  /** The vote on it, newest first (open or closed). */
  voteId: string | null
  /** Households that said +1 (附议): one per household, whoever of it said so. */
  supportCount: number
  /** The caller's household has said +1 already. */
  supportedByMyHousehold: boolean
  /** For a merged duplicate: the matter that carries on. */
  mergedInto: { matterId: string; title: string } | null
}

/** What the caller's own household did in a vote. Other households' choices are never in a reply. */
export interface MyHouseholdBallot {
  castAt: number
  castByName: string
  via: 'app' | 'paper'
  /** Paper ballots: the leader who recorded it. */
  recordedByName?: string
  /** The option for an open ballot; SECRET_CHOICE_LABEL for a secret one. */
  choiceLabel: string
}

export interface VoteResult {
  householdCount: number
  /** Households that took part. */
  turnout: number
  quorumMet: boolean
  /** Households per option, in option order (counted from the ballots when the vote closed). */
  counts: number[]
  passed: boolean
  /** For a `choice` vote that passed: the option chosen. */
  winner: string | null
  /** One sentence, e.g. 通过：36 户中 29 户参加，24 户同意 */
  sentence: string
}

export interface VoteView {
  voteId: string
  matterId: string
  buildingId: string
  buildingName: string
  title: string
  text: string
  kind: VoteKind
  options: string[]
  secret: boolean
  closesAt: number
  quorumPercent: number
  threshold: VoteThreshold
  status: VoteStatus
  openedAt: number
  householdCount: number
  /** Households that have voted so far (never how). */
  turnout: number
  /** Only after the vote closed. */
  result: VoteResult | null
  /** The caller's household's ballot, if the caller is a verified member of a household in this building. */
  myHousehold: MyHouseholdBallot | null
  /** The caller may vote now (a verified member of a household here, vote still open). */
  canVote: boolean
  /** The caller leads this building: door-knock list and paper ballots. */
  canManage: boolean
  /** The announcement with the result, once published. */
  resultAnnouncementId: string | null
  /** A vote on a draft of the building's charter: passed, that version becomes current. */
  charterVersionId: string | null
}

export interface CouncilOverview {
  buildingId: string
  buildingName: string
  matters: MatterSummary[]
  /** Votes still open, for the big buttons on top. */
  openVotes: Array<{ voteId: string; title: string; closesAt: number }>
  canManage: boolean
  canRaise: boolean
}

export interface NotVotedList {
  voteId: string
  householdCount: number
  turnout: number
  /** Rooms whose household has not voted yet, in door order. */
  rooms: string[]
}

export const councilContract = {
  ping: pingAction,
  raiseMatter: action<{ matter: MatterSummary }>()(
    z.strictObject({
      title: titleText({ max: COUNCIL_LIMITS.titleMax }),
      text: text({ max: COUNCIL_LIMITS.textMax, multiline: true }),
    }),
  ),
  /** +1 (附议) a matter of the caller's own building, once per household. */
  supportMatter: action<{ matterId: string; supportCount: number }>()(z.strictObject({ matterId: id })),
  /** The leader folds a duplicate into another matter of the building; its +1s move over, once per household. */
  mergeMatter: action<{ matterId: string; intoMatterId: string; supportCount: number }>()(
    z.strictObject({ matterId: id, intoMatterId: id }),
  ),
  overview: action<CouncilOverview>()(z.strictObject({ buildingId: id.optional() })),
  openVote: action<{ vote: VoteView }>()(openVoteInput),
  getVote: action<{ vote: VoteView }>()(z.strictObject({ voteId: id })),
  castBallot: action<{ vote: VoteView }>()(
    z.strictObject({
      voteId: id,
      choice: z
        .number()
        .int()
        .min(0)
        .max(COUNCIL_LIMITS.optionsMax - 1),
    }),
  ),
  recordPaperBallot: action<{ vote: VoteView; room: string }>()(
    z.strictObject({
      voteId: id,
      room,
      choice: z
        .number()
        .int()
        .min(0)
        .max(COUNCIL_LIMITS.optionsMax - 1),
    }),
  ),
  notVoted: action<NotVotedList>()(z.strictObject({ voteId: id })),
  // 自治公约 (contracts/charter.ts): the same function serves the charter.
  ...charterActions,
  // 楼组主页 (contracts/building.ts): the same function serves the building's page.
  ...buildingActions,
}

export type OpenVoteInput = z.input<typeof openVoteInput>
