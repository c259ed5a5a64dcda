import * as z from 'zod'
import { action } from './action'
import { id, text, timestamp } from './fields'
import { titleText } from './names'

/**
 * 自治公约: each building keeps its own charter, in numbered versions. A draft becomes the
 * current version only when a two-thirds vote on it closes passed; households then sign (签约)
 * the current version, one signature per household. The committee keeps templates (公约范本)
 * that a building may start from, and sees every building's charter, but never edits one.
 * The rules are written down in docs/COUNCIL.md ("自治公约").
 */

export const CHARTER_LIMITS = {
  articlesMin: 1,
  articlesMax: 30,
  articleTitleMax: 30,
  articleTextMax: 500,
  templateTitleMax: 30,
} as const

export const CHARTER_PAGE = '/packages/council/pages/charter/index'

export function charterLink(buildingId: string): string {
  return `${CHARTER_PAGE}?buildingId=${buildingId}`
}

export interface CharterArticle {
  title: string
  text: string
}

const article = z.strictObject({
  title: titleText({ max: CHARTER_LIMITS.articleTitleMax }),
  text: text({ max: CHARTER_LIMITS.articleTextMax, multiline: true }),
})

const articles = z
  .array(article)
  .min(CHARTER_LIMITS.articlesMin, { message: '至少要有一条' })
  .max(CHARTER_LIMITS.articlesMax, { message: `最多 ${CHARTER_LIMITS.articlesMax} 条` })
  .superRefine((list, ctx) => {
    const seen = new Set<string>()
    list.forEach((a, i) => {
      if (seen.has(a.title)) ctx.addIssue({ code: 'custom', path: [i, 'title'], message: '条目标题不能重复' })
      seen.add(a.title)
    })
  })

/**
 * `draft`: the leader may edit it; `voting`: a two-thirds vote on it is open, nobody edits it;
 * `adopted`: passed, never edited again (the newest adopted version is the current one).
 */
export type CharterVersionStatus = 'draft' | 'voting' | 'adopted'

/** How one article of a version differs from the version before it. */
export interface ArticleChange {
  kind: 'added' | 'changed' | 'same' | 'removed'
  title: string
  text: string
  /** `changed`: what it said before (and its title, when that changed too). */
  previousTitle?: string
  previousText?: string
}

export interface CharterVersionSummary {
  versionId: string
  number: number
  status: CharterVersionStatus
  /** When it took effect: the close of the vote that adopted it. */
  effectiveAt: number | null
  articleCount: number
}

export interface CharterVersionView extends CharterVersionSummary {
  buildingId: string
  buildingName: string
  articles: CharterArticle[]
  /** Where the draft started, in words: 范本「…」 or 第 2 版. */
  basedOn: string
  draftedAt: number
  /** The open vote on this draft, or the vote that adopted it. */
  voteId: string | null
  /** The adopting vote's result in one sentence. */
  resultSentence: string | null
  /** Article by article against the version before (for a draft: the current version). */
  changes: ArticleChange[]
  comparedWith: number | null
  canEdit: boolean
  canOpenVote: boolean
}

export interface CharterOverview {
  buildingId: string
  buildingName: string
  current: CharterVersionView | null
  /** The draft being written or voted on, if any. */
  draft: CharterVersionSummary | null
  /** Every adopted version, newest first. */
  history: CharterVersionSummary[]
  /** The caller's household's signature on the current version. */
  mySignature: { signedAt: number; signedByName: string } | null
  signedCount: number
  householdCount: number
  canSign: boolean
  canManage: boolean
  /** The leader and the committee: the signed share's door-knock list. */
  canFollowUp: boolean
}

export interface CharterNotSignedList {
  versionId: string
  number: number
  householdCount: number
  signedCount: number
  /** Rooms whose household has not signed the current version, in door order. */
  rooms: string[]
}

export interface CharterTemplateView {
  templateId: string
  title: string
  articles: CharterArticle[]
  updatedAt: number
}

/** One row of the committee's view of every building's charter. */
export interface CharterBuildingRow {
  buildingId: string
  buildingName: string
  currentNumber: number | null
  effectiveAt: number | null
  draftStatus: 'draft' | 'voting' | null
  signedCount: number
  householdCount: number
}

const openCharterVoteInput = z.strictObject({
  versionId: id,
  closesAt: timestamp,
  quorumPercent: z
    .number()
    .int({ message: '请填写整数' })
    .min(0, { message: '不能小于 0' })
    .max(100, { message: '不能大于 100' }),
  secret: z.boolean(),
})

/** The charter's actions, served by the `council` function. */
export const charterActions = {
  charter: action<CharterOverview>()(z.strictObject({ buildingId: id.optional() })),
  charterVersion: action<{ version: CharterVersionView }>()(z.strictObject({ versionId: id })),
  charterTemplates: action<{ templates: CharterTemplateView[] }>()(z.strictObject({})),
  saveCharterTemplate: action<{ template: CharterTemplateView }>()(
    z.strictObject({
      templateId: id.optional(),
      title: titleText({ max: CHARTER_LIMITS.templateTitleMax }),
      articles,
    }),
  ),
  /** A new draft for the leader's building: from a template, or (without one) from the current version. */
  draftCharter: action<{ version: CharterVersionView }>()(
    z.strictObject({ buildingId: id, templateId: id.optional() }),
  ),
  editCharterDraft: action<{ version: CharterVersionView }>()(z.strictObject({ versionId: id, articles })),
  openCharterVote: action<{ version: CharterVersionView; voteId: string }>()(openCharterVoteInput),
  /** Makes a version current once its vote closed passed (the close does this itself; this repairs an interrupted one). */
  adoptCharter: action<{ version: CharterVersionView }>()(z.strictObject({ versionId: id })),
  signCharter: action<CharterOverview>()(z.strictObject({ versionId: id })),
  charterNotSigned: action<CharterNotSignedList>()(z.strictObject({ buildingId: id })),
  charterBuildings: action<{ buildings: CharterBuildingRow[] }>()(z.strictObject({})),
}

export type OpenCharterVoteInput = z.input<typeof openCharterVoteInput>
