import * as z from 'zod'
import { characterCount, hasUnsafeCharacters, textLimits, type TextOptions } from './fields'

/**
 * Names and titles people give (a nickname, a group's name, a notice's title). Neighbours trust
 * what they read there, so nobody may pass as the committee or a leader by what they call
 * themselves. Shared by both ends: a form shows the same message the server would send.
 *
 * - Normalised: NFKC (full-width letters, compatibility forms), bidi controls stripped, trimmed.
 * - Refused: text made only of invisible or format characters (`\u3164`, zero-width spaces…), and
 *   more than MAX_COMBINING_MARKS combining marks in a row (a mark flood that draws over lines).
 * - Personal names only: no role word (居委会, 楼组长, 管理员…), compared on a *skeleton* that
 *   ignores invisible characters, spaces, punctuation, width and traditional forms. Whether a
 *   name is a current staff member's is checked by the server, which knows who they are
 *   (`isStaffName`, on the same skeleton).
 */

/** Bidi controls: marks, embeddings, overrides, isolates. Stripped, never stored. */
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/g
/** Characters that draw nothing: format characters, fillers, blanks that are not spaces. */
const INVISIBLE = /[\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0\u2800\u180E\s]/gu
const COMBINING_MARK = /\p{M}/u
export const MAX_COMBINING_MARKS = 2

/** Words that say "I speak for the neighbourhood": staff are marked by the product, not by their name. */
export const RESERVED_ROLE_WORDS = [
  '居委会',
  '居民委员会',
  '楼组长',
  '楼长',
  '管理员',
  '官方',
  '社区',
  '客服',
  '物业',
  '工作人员',
  '网格员',
  '系统',
] as const

/**
 * Characters that pass for others, mapped to the one they imitate: traditional forms of the
 * reserved words, and Latin look-alikes from other scripts.
 */
const CONFUSABLES = new Map<string, string>([
  ['會', '会'],
  ['組', '组'],
  ['長', '长'],
  ['員', '员'],
  ['區', '区'],
  ['務', '务'],
  ['業', '业'],
  ['網', '网'],
  ['統', '统'],
  ['係', '系'],
  ['樓', '楼'],
  ['а', 'a'],
  ['е', 'e'],
  ['о', 'o'],
  ['р', 'p'],
  ['с', 'c'],
  ['х', 'x'],
  ['у', 'y'],
  ['і', 'i'],
  ['ӏ', 'l'],
  ['0', 'o'],
  ['1', 'l'],
])
const PUNCTUATION = /[\p{P}\p{S}]/gu

/** Chinese punctuation (，：！？《》…) is full-width by right: NFKC would turn it into ASCII. */
const OUTSIDE_CJK_PUNCTUATION = /[^\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]+/g

/** What a name is stored as: NFKC (Chinese punctuation kept), bidi controls stripped, trimmed. */
export function normaliseName(value: string): string {
  return value
    .replace(OUTSIDE_CJK_PUNCTUATION, (run) => run.normalize('NFKC'))
    .replace(BIDI_CONTROLS, '')
    .trim()
}

/** The name as an eye would compare it: no invisibles, marks, spaces or punctuation; one form per look-alike. */
export function nameSkeleton(value: string): string {
  const bare = normaliseName(value)
    .replace(INVISIBLE, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(PUNCTUATION, '')
    .toLowerCase()
  let out = ''
  for (const ch of bare) out += CONFUSABLES.get(ch) ?? ch
  return out
}

export function isOnlyInvisible(value: string): boolean {
  return value.replace(INVISIBLE, '').replace(/\p{M}/gu, '') === ''
}

export function longestCombiningRun(value: string): number {
  let longest = 0
  let run = 0
  for (const ch of value) {
    run = COMBINING_MARK.test(ch) ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}

/** The reserved word a name contains (by skeleton), or null. */
export function reservedWordIn(value: string): string | null {
  const skeleton = nameSkeleton(value)
  return RESERVED_ROLE_WORDS.find((word) => skeleton.includes(nameSkeleton(word))) ?? null
}

/** Whether a name looks like one of the given staff names (both compared on their skeletons). */
export function isStaffName(value: string, staffNames: Iterable<string>): boolean {
  const skeleton = nameSkeleton(value)
  for (const name of staffNames) if (skeleton && skeleton === nameSkeleton(name)) return true
  return false
}

export const STAFF_NAME_MESSAGE = '和一位工作人员的称呼太像了，请换一个，免得邻居认错人'

function nameSchema({ min = 1, max }: Pick<TextOptions, 'min' | 'max'>, personal: boolean) {
  const schema = z
    .string()
    .overwrite(normaliseName)
    .superRefine((value, ctx) => {
      const problem = problemOf(value, min, max, personal)
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
    })
  textLimits.add(schema, { min, max, multiline: false })
  return schema
}

function problemOf(value: string, min: number, max: number, personal: boolean): string | null {
  if (hasUnsafeCharacters(value, false)) return '含有无法识别的字符'
  if (!value || isOnlyInvisible(value)) return '不能为空，也不能只有看不见的字符'
  if (longestCombiningRun(value) > MAX_COMBINING_MARKS) return '含有太多叠加符号'
  if (characterCount(value) < min) return `至少要写 ${min} 个字`
  if (characterCount(value) > max) return `最多 ${max} 个字`
  if (personal) {
    const word = reservedWordIn(value)
    if (word) return `不能用“${word}”这样的身份用词；工作人员的身份会由系统标出`
  }
  return null
}

/** A person's name (nickname): normalised, visible, and free of role words. */
export function personalName(options: Pick<TextOptions, 'min' | 'max'>) {
  return nameSchema(options, true)
}

/** The name or title of a thing (a group, an event, a notice): normalised and visible. */
export function titleText(options: Pick<TextOptions, 'min' | 'max'>) {
  return nameSchema(options, false)
}
