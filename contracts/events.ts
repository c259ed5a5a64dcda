import * as z from 'zod'
import { action } from './action'
import type { ErrorCode } from './errors'
import { id, noInput, text, timestamp } from './fields'
import { titleText } from './names'
import { pingAction } from './ping'

/**
 * Events and RSVPs (活动报名). One event document per session: a recurring event creates up to
 * 12 sessions that share a `seriesId`, and each session has its own seats, waitlist and RSVPs.
 * The waitlist rule is written down in docs/EVENTS.md.
 */

/**
 * An RSVP refused with one of these means the page showed an old picture of the event (someone
 * else took the last seat, the organiser closed or cancelled it): load the event again.
 */
export const RSVP_STALE_CODES = [
  'EVENT.ALREADY_RSVPED',
  'EVENT.CLOSED',
  'EVENT.CANCELLED',
  'CONFLICT',
] as const satisfies readonly ErrorCode[]

export const EVENT_LIMITS = {
  titleMax: 30,
  descriptionMax: 1000,
  placeMax: 40,
  capacityMax: 500,
  partySizeMax: 3,
  questionsMax: 5,
  questionTextMax: 40,
  optionsMin: 2,
  optionsMax: 6,
  optionTextMax: 20,
  answerMax: 100,
  sessionsMax: 12,
  reasonMax: 100,
  /** Longest session (a day trip is fine, a week-long "event" is not an event). */
  durationMaxMs: 24 * 3600 * 1000,
  /** The waitlist is kept inside the session's document; beyond this the event is simply full. */
  waitlistMax: 1000,
  /** Check-in opens this long before the start and closes this long after the end. */
  checkInMarginMs: 60 * 60 * 1000,
  /** The check-in code on the organiser's screen changes every minute. */
  checkInWindowMs: 60 * 1000,
} as const

/** The detail page, for notification links (both ends use it). */
export const EVENT_DETAIL_PAGE = '/packages/events/pages/detail/index'

export type EventAudience =
  { kind: 'building'; buildingId: string } | { kind: 'group'; groupId: string } | { kind: 'neighbourhood' }

export type QuestionKind = 'text' | 'choice'

export interface EventQuestion {
  /** q1…q5, in the order asked. Answers are keyed by it. */
  questionId: string
  kind: QuestionKind
  text: string
  /** For `choice`: the options, one to pick. */
  options?: string[]
  required: boolean
}

export type RsvpState = 'confirmed' | 'waitlisted' | 'cancelled'

export const RSVP_STATE_NAMES: Record<RsvpState, string> = {
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
}

export type EventStatus = 'scheduled' | 'cancelled'

export interface MyRsvpView {
  state: RsvpState
  partySize: number
  /** The order in which the server accepted this RSVP among all of the session's RSVPs (1 = first). */
  arrival: number
  /** For `waitlisted`: 1 = next in line. */
  position?: number
  answers: Record<string, string>
  respondedAt: number
  confirmedAt?: number
  attendedAt?: number
}

export interface EventSummary {
  eventId: string
  seriesId: string
  /** 1-based; `sessionCount` is 1 for a one-off event. */
  sessionIndex: number
  sessionCount: number
  title: string
  place: string
  startAt: number
  endAt: number
  signupDeadline: number | null
  audience: EventAudience
  /** e.g. 金上海家园 5号楼 · 合唱团 · 全居民区 */
  audienceLabel: string
  status: EventStatus
  /** null = unlimited. */
  capacity: number | null
  confirmedPeople: number
  /** Seats a newcomer would get now; null when unlimited; 0 when full (or held for the waitlist). */
  seatsLeft: number | null
  waitingParties: number
  waitingPeople: number
  /** Signup is over: deadline passed, started, or cancelled. */
  closed: boolean
  mine: MyRsvpView | null
}

export interface EventSessionRef {
  eventId: string
  sessionIndex: number
  startAt: number
  status: EventStatus
}

export interface EventDetail extends EventSummary {
  description: string
  organiserId: string
  organiserName: string
  questions: EventQuestion[]
  cancelReason?: string
  /** The caller may edit, cancel, see the roster and run check-in. */
  canManage: boolean
  /** Every session of the series, in order (just this one for a one-off). */
  sessions: EventSessionRef[]
  createdAt: number
}

export interface RsvpResult {
  state: RsvpState
  position?: number
  event: EventDetail
}

export interface RosterEntry {
  userId: string
  nickname: string
  /** e.g. 金上海家园 5号楼, when the person is a verified resident. */
  building?: string
  partySize: number
  arrival: number
  state: 'confirmed' | 'waitlisted'
  position?: number
  answers: Record<string, string>
  respondedAt: number
  attendedAt?: number
  attendedVia?: 'code' | 'organiser'
}

export interface RosterView {
  eventId: string
  title: string
  startAt: number
  capacity: number | null
  questions: EventQuestion[]
  confirmed: RosterEntry[]
  waitlist: RosterEntry[]
  confirmedPeople: number
  attendedParties: number
  attendedPeople: number
}

export interface CheckInCodeView {
  eventId: string
  code: string
  /** When the organiser's screen should fetch the next code. */
  refreshAt: number
  /** Until when this code is still accepted (the current and the previous minute are). */
  validUntil: number
  /** Check-in is open now (an hour before the start to an hour after the end). */
  open: boolean
  opensAt: number
  closesAt: number
}

export interface AudienceOption {
  audience: EventAudience
  label: string
}

export interface MyEventsView {
  /** Confirmed or waitlisted, not yet over, soonest first. */
  upcoming: EventSummary[]
  /** Confirmed sessions that are over, most recent first, with attendance. */
  past: EventSummary[]
  /** Sessions the caller may manage and that are not over, soonest first. */
  organising: EventSummary[]
}

// ---- input ----

/**
 * Questions that would collect identity or contact numbers are refused: a neighbourhood event
 * never needs them, and the organiser should not hold them (PIPL: collect only what is needed).
 */
const SENSITIVE_QUESTION =
  /身份证|证件|护照|手机|电话|联系方式|微信号|银行卡|卡号|社保|医保|身份号|ID\s*(号|number|card)|phone|mobile|passport/i

export function asksForSensitiveNumber(question: string): boolean {
  return SENSITIVE_QUESTION.test(question)
}

const questionInput = z
  .strictObject({
    kind: z.enum(['text', 'choice']),
    text: text({ max: EVENT_LIMITS.questionTextMax }),
    options: z
      .array(text({ max: EVENT_LIMITS.optionTextMax }))
      .max(EVENT_LIMITS.optionsMax)
      .optional(),
    required: z.boolean().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'choice') {
      const options = q.options ?? []
      if (options.length < EVENT_LIMITS.optionsMin)
        ctx.addIssue({ code: 'custom', path: ['options'], message: `选择题至少要有 ${EVENT_LIMITS.optionsMin} 个选项` })
      else if (new Set(options).size !== options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: '选项不能重复' })
    } else if (q.options !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: '填空题不需要选项' })
    }
  })

const questionsInput = z
  .array(questionInput)
  .max(EVENT_LIMITS.questionsMax, { message: `最多 ${EVENT_LIMITS.questionsMax} 个问题` })
  .superRefine((questions, ctx) => {
    questions.forEach((q, i) => {
      if (asksForSensitiveNumber(q.text)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'text'],
          message: `第 ${i + 1} 个问题「${q.text}」在询问身份证号或电话等个人信息，为保护邻居隐私，请删掉这个问题`,
        })
      }
    })
  })

const audienceInput = z.union([
  z.strictObject({ buildingId: id }),
  z.strictObject({ groupId: id }),
  z.literal('neighbourhood'),
])

const capacityInput = z
  .number({ message: '请填写 1 到 500 之间的整数，或选择不限名额' })
  .int({ message: '请填写整数' })
  .min(1, { message: '至少 1 人' })
  .max(EVENT_LIMITS.capacityMax, { message: `最多 ${EVENT_LIMITS.capacityMax} 人` })
  .nullable()

/** What the create and edit forms share. */
const editableFields = {
  title: titleText({ max: EVENT_LIMITS.titleMax }),
  description: text({ min: 0, max: EVENT_LIMITS.descriptionMax, multiline: true }).optional(),
  place: text({ max: EVENT_LIMITS.placeMax }),
  startAt: timestamp,
  endAt: timestamp,
  capacity: capacityInput,
  signupDeadline: timestamp.optional(),
  questions: questionsInput.optional(),
}

interface TimesInput {
  startAt: number
  endAt: number
  signupDeadline?: number
}

function checkTimes(value: TimesInput, ctx: z.RefinementCtx): void {
  if (value.endAt <= value.startAt) ctx.addIssue({ code: 'custom', path: ['endAt'], message: '要晚于开始时间' })
  else if (value.endAt - value.startAt > EVENT_LIMITS.durationMaxMs)
    ctx.addIssue({ code: 'custom', path: ['endAt'], message: '一次活动最长 24 小时' })
  if (value.signupDeadline !== undefined && value.signupDeadline > value.startAt) {
    ctx.addIssue({ code: 'custom', path: ['signupDeadline'], message: '不能晚于活动开始时间' })
  }
}

export const eventsContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  /** A building's leader (own building), an interest group's organiser (own group), or the committee. */
  create: action<{ eventIds: string[]; event: EventDetail }>()(
    z
      .strictObject({
        ...editableFields,
        audience: audienceInput,
        recurrence: z
          .strictObject({
            every: z.enum(['week', 'month']),
            count: z
              .number()
              .int()
              .min(1)
              .max(EVENT_LIMITS.sessionsMax, { message: `最多重复 ${EVENT_LIMITS.sessionsMax} 次` }),
          })
          .optional(),
      })
      .superRefine(checkTimes),
  ),
  /** Edit one session (the organiser or the committee). */
  update: action<EventDetail>()(z.strictObject({ eventId: id, ...editableFields }).superRefine(checkTimes)),
  list: action<{ events: EventSummary[] }>()(
    z.strictObject({
      from: timestamp.optional(),
      to: timestamp.optional(),
      /** building: my building's; groups: my interest groups'; all: everything I may see (default). */
      audience: z.enum(['building', 'groups', 'all']).optional(),
    }),
  ),
  get: action<EventDetail>()(z.strictObject({ eventId: id })),
  rsvp: action<RsvpResult>()(
    z.strictObject({
      eventId: id,
      answers: z
        .record(z.string().regex(/^q[1-5]$/, { message: '没有这个问题' }), z.string().max(EVENT_LIMITS.answerMax * 2))
        .optional(),
      partySize: z
        .number()
        .int()
        .min(1, { message: '至少 1 人' })
        .max(EVENT_LIMITS.partySizeMax, { message: `一次最多报 ${EVENT_LIMITS.partySizeMax} 人（含自己）` })
        .optional(),
    }),
  ),
  cancelRsvp: action<{ state: 'cancelled'; event: EventDetail }>()(z.strictObject({ eventId: id })),
  checkIn: action<{ attendedAt: number; event: EventDetail }>()(
    z.strictObject({
      eventId: id,
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, { message: '签到码是 6 位数字' }),
    }),
  ),
  /** The organiser's rotating check-in code (shown as a QR code). */
  checkInCode: action<CheckInCodeView>()(z.strictObject({ eventId: id })),
  /** The organiser ticks (or unticks) someone's attendance by hand. */
  markAttendance: action<RosterEntry>()(z.strictObject({ eventId: id, userId: id, attended: z.boolean() })),
  roster: action<RosterView>()(z.strictObject({ eventId: id })),
  /** The roster as CSV text (UTF-8 with BOM so Excel shows Chinese). */
  rosterCsv: action<{ filename: string; csv: string }>()(z.strictObject({ eventId: id })),
  cancelEvent: action<{ cancelled: string[] }>()(
    z.strictObject({ eventId: id, reason: text({ max: EVENT_LIMITS.reasonMax }), wholeSeries: z.boolean().optional() }),
  ),
  mine: action<MyEventsView>()(noInput),
  /** Where the caller may publish an event (empty: not an organiser). */
  audiences: action<{ options: AudienceOption[] }>()(noInput),
}
