import * as z from 'zod'
import { action } from './action'
import { characterCount, hasUnsafeCharacters, id, noInput, text, timestamp } from './fields'
import { titleText } from './names'
import type { EmergencyNotice } from './health-emergency'
import { pingAction } from './ping'

/**
 * The health column (健康答疑): monthly tips, private questions, a columnist's answers, and the
 * published (anonymous) Q&A everyone can search. Health data is sensitive personal information
 * (PIPL): no view here except the asker's own carries who asked.
 */

export const HEALTH_CATEGORIES = ['慢病', '用药', '饮食', '运动', '睡眠', '儿童', '其他'] as const
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number]

/** Shown with every answer and on the ask page. */
export const HEALTH_DISCLAIMER = '健康科普，不能替代诊疗；如有不适请及时就医，急症请拨打120'

/** The column's pages (subpackage `packages/health`): the app opens them, notifications link to them. */
export const HEALTH_PAGES = {
  column: '/packages/health/pages/column/index',
  tip: '/packages/health/pages/tip/index',
  qa: '/packages/health/pages/qa/index',
  ask: '/packages/health/pages/ask/index',
  mine: '/packages/health/pages/mine/index',
  inbox: '/packages/health/pages/inbox/index',
  answer: '/packages/health/pages/answer/index',
  write: '/packages/health/pages/write/index',
} as const

export type QuestionStatus = 'waiting' | 'answered' | 'withdrawn'

export const QUESTION_STATUS_NAMES: Record<QuestionStatus, string> = {
  waiting: '等待回复',
  answered: '已回复',
  withdrawn: '已撤回',
}

export const QUESTION_MIN = 5
export const QUESTION_MAX = 500
export const ANSWER_MAX = 3000
export const TIP_TITLE_MAX = 40
export const TIP_BODY_MAX = 3000
export const TAG_MAX = 8
export const TAGS_MAX = 5
export const SEARCH_MAX = 30
/** Terms beyond this many are ignored: a search box, not a document. */
export const SEARCH_TERMS_MAX = 5
export const SEARCH_TOO_SHORT = '请至少输入两个字'

// ---------------------------------------------------------------------------------------------
// Views

export interface AnswerView {
  text: string
  /** The columnist's name, resolved when read. */
  answeredBy: string
  answeredAt: number
  disclaimer: string
}

/** A question as its asker sees it (and nobody else). */
export interface MyQuestionView {
  questionId: string
  question: string
  category: HealthCategory
  allowPublish: boolean
  status: QuestionStatus
  askedAt: number
  withdrawnAt?: number
  /** Emergency guidance, when the question mentions emergency signs. */
  emergency: EmergencyNotice | null
  answer?: AnswerView
  /** Whether the answer was published in the column (without any sign of who asked). */
  published: boolean
}

/** A waiting question as a columnist sees it: the asker only as a stable pseudonym. */
export interface InboxItemView {
  questionId: string
  /** e.g. 提问者 K273 — the same for every question of one asker, never their name, building or room. */
  asker: string
  question: string
  category: HealthCategory
  allowPublish: boolean
  emergencySigns: string[]
  askedAt: number
}

/** A published Q&A: the (possibly edited) question, the answer, who answered. Nobody's identity as asker. */
export interface QAView {
  entryId: string
  question: string
  answer: string
  category: HealthCategory
  answeredBy: string
  publishedAt: number
  disclaimer: string
}

export interface QASummaryView {
  entryId: string
  question: string
  answerExcerpt: string
  category: HealthCategory
  answeredBy: string
  publishedAt: number
}

export interface TipView {
  tipId: string
  title: string
  body: string
  tags: string[]
  author: string
  publishedAt: number
  updatedAt?: number
  /** `YYYY-MM` in Shanghai time. */
  month: string
}

export interface TipSummaryView {
  tipId: string
  title: string
  excerpt: string
  tags: string[]
  author: string
  publishedAt: number
}

export interface TipMonthView {
  month: string
  /** e.g. 2026年11月 */
  label: string
  tips: TipSummaryView[]
}

export interface FeaturedTipView {
  tip: TipView
  /** True when it was published this month (Shanghai time); otherwise it is simply the latest. */
  thisMonth: boolean
}

/** Text with the parts that matched a search marked: `[start, end)` offsets into `text` (UTF-16). */
export interface HighlightedText {
  text: string
  marks: Array<[start: number, end: number]>
}

export interface SearchHitView {
  entryId: string
  kind: 'qa' | 'tip'
  /** The question (Q&A) or the title (tip), marked. */
  title: HighlightedText
  /** A short stretch of the answer or tip around the first match, marked. */
  snippet: HighlightedText
  category?: HealthCategory
  tags: string[]
  author: string
  publishedAt: number
}

export interface ColumnOverview {
  following: boolean
  followers: number
  featured: FeaturedTipView | null
  /** The caller's own questions still waiting. */
  myWaiting: number
  /** Questions waiting for a columnist; present only when the caller is one. */
  inboxWaiting?: number
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (both ends)

/** 2026-11 → 2026年11月 */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-')
  return `${year}年${Number(m)}月`
}

/**
 * The words a search looks for: split at spaces and punctuation, words shorter than two
 * characters dropped (one character matches nearly everything), case folded, duplicates dropped.
 */
export function searchTerms(q: string): string[] {
  const terms: string[] = []
  for (const raw of q
    .normalize('NFKC')
    .toLowerCase()
    .split(/[\s\p{P}\p{S}]+/u)) {
    if (characterCount(raw) < 2 || terms.includes(raw)) continue
    terms.push(raw)
    if (terms.length === SEARCH_TERMS_MAX) break
  }
  return terms
}

// ---------------------------------------------------------------------------------------------
// Actions

const category = z.enum(HEALTH_CATEGORIES, { message: `请选择分类：${HEALTH_CATEGORIES.join('、')}` })
const questionText = text({ min: QUESTION_MIN, max: QUESTION_MAX, multiline: true })
const tipTitle = titleText({ max: TIP_TITLE_MAX })
const tipBody = text({ max: TIP_BODY_MAX, multiline: true })
const tags = z
  .array(text({ max: TAG_MAX }), { message: '标签格式不对' })
  .max(TAGS_MAX, { message: `最多 ${TAGS_MAX} 个标签` })
const page = { before: timestamp.optional(), limit: z.number().int().min(1).max(50).optional() }

const searchQuery = z
  .string({ message: SEARCH_TOO_SHORT })
  .trim()
  .refine((q) => !hasUnsafeCharacters(q, false), { message: '含有无法识别的字符' })
  .refine((q) => characterCount(q) <= SEARCH_MAX, { message: `最多 ${SEARCH_MAX} 个字` })
  .refine((q) => searchTerms(q).length > 0, { message: SEARCH_TOO_SHORT })

export const askInput = z.strictObject({ question: questionText, category, allowPublish: z.boolean() })

export const answerInput = z
  .strictObject({
    questionId: id,
    answer: text({ min: 2, max: ANSWER_MAX, multiline: true }),
    publish: z.boolean(),
    /** The question as it should appear in the column (details that could identify the asker taken out). */
    editedQuestion: questionText.optional(),
  })
  .refine((v) => v.publish || v.editedQuestion === undefined, {
    message: '只有公开时才需要填写公开版问题',
    path: ['editedQuestion'],
  })

export const publishTipInput = z.strictObject({ title: tipTitle, body: tipBody, tags: tags.optional() })

export const editTipInput = z
  .strictObject({ tipId: id, title: tipTitle.optional(), body: tipBody.optional(), tags: tags.optional() })
  .refine((v) => v.title !== undefined || v.body !== undefined || v.tags !== undefined, {
    message: '没有要修改的内容',
    path: ['title'],
  })

export const healthContract = {
  /** Deployed and reachable? No sign-in, nothing personal (contracts/ping.ts). */
  ping: pingAction,
  /** The column's front page numbers: following, this month's tip, waiting counts. */
  overview: action<ColumnOverview>()(noInput),
  follow: action<{ following: boolean; followers: number }>()(noInput),
  unfollow: action<{ following: boolean; followers: number }>()(noInput),

  publishTip: action<TipView>()(publishTipInput),
  editTip: action<TipView>()(editTipInput),
  unpublishTip: action<{ tipId: string; unpublished: true }>()(z.strictObject({ tipId: id })),
  /** Newest first, grouped by month (Shanghai time); page with `before` = the last `publishedAt`. */
  listTips: action<{ featured: FeaturedTipView | null; months: TipMonthView[]; nextBefore?: number }>()(
    z.strictObject(page),
  ),
  getTip: action<TipView>()(z.strictObject({ tipId: id })),

  ask: action<MyQuestionView>()(askInput),
  myQuestions: action<{ questions: MyQuestionView[] }>()(noInput),
  withdraw: action<MyQuestionView>()(z.strictObject({ questionId: id })),

  /** Waiting questions, oldest first (columnists). */
  inbox: action<{ items: InboxItemView[]; total: number }>()(noInput),
  inboxItem: action<InboxItemView>()(z.strictObject({ questionId: id })),
  answer: action<{ questionId: string; status: 'answered'; published: boolean; entryId?: string }>()(answerInput),

  /** Published Q&A, newest first. */
  listQA: action<{ items: QASummaryView[]; nextBefore?: number; disclaimer: string }>()(
    z.strictObject({ ...page, category: category.optional() }),
  ),
  getQA: action<QAView>()(z.strictObject({ entryId: id })),
  /** Substring search over published Q&A and tips, ranked, with the matches marked. */
  search: action<{ terms: string[]; hits: SearchHitView[]; total: number; disclaimer: string }>()(
    z.strictObject({ q: searchQuery }),
  ),
}
