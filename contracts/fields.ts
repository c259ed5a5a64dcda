import * as z from 'zod'

/**
 * Building blocks for action schemas. Both ends use them: the server validates every call at
 * the boundary, and forms validate before sending, so a person sees the same message either way.
 */

/** Characters that have no place in anything a person writes: NUL and other control
 * characters, lone UTF-16 surrogates (not text at all) and bidi overrides (used to disguise text). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
// eslint-disable-next-line no-control-regex
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/

/**
 * A high surrogate not followed by a low one, or a low one not after a high one. Written as a scan
 * rather than a regular expression: the look-behind it would need is a syntax error on iOS before
 * 16.4, and this file ships in the mini-program (see docs/ARCHITECTURE.md, "Which phones").
 */
function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
      else return true
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true
  }
  return false
}

/** Length as a person counts it: an emoji is one character, not two UTF-16 units. */
export function characterCount(value: string): number {
  let count = 0
  for (const _ of value) count++
  return count
}

export function hasUnsafeCharacters(value: string, multiline: boolean): boolean {
  return (multiline ? CONTROL : CONTROL_SINGLE_LINE).test(value) || hasLoneSurrogate(value) || BIDI_CONTROL.test(value)
}

export interface TextOptions {
  /** Minimum characters after trimming (default 1: blank text is refused). */
  min?: number
  max: number
  /** Allow line breaks (body text); names and titles are single-line. */
  multiline?: boolean
}

/** The limits of each `text()` schema, so generators (fuzzing, fixtures) can produce valid text. */
export const textLimits = z.registry<Required<TextOptions>>()

/** User-written text: trimmed, counted in characters, free of control characters. */
export function text({ min = 1, max, multiline = false }: TextOptions) {
  const schema = z
    .string()
    .trim()
    .refine((value) => !hasUnsafeCharacters(value, multiline), { message: '含有无法识别的字符' })
    .refine((value) => characterCount(value) >= min, {
      message: min <= 1 ? '不能为空' : `至少要写 ${min} 个字`,
    })
    .refine((value) => characterCount(value) <= max, { message: `最多 ${max} 个字` })
  textLimits.add(schema, { min, max, multiline })
  return schema
}

/** Ids we issue: short, URL-safe, never user text. */
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: '编号格式不对' })

const EARLIEST = Date.UTC(2020, 0, 1)
const LATEST = Date.UTC(2100, 0, 1)
/** A moment as epoch milliseconds, within a range that makes sense for this product. */
export const timestamp = z
  .number({ message: '时间格式不对' })
  .int({ message: '时间格式不对' })
  .min(EARLIEST, { message: '时间超出范围' })
  .max(LATEST, { message: '时间超出范围' })

/** A room number as written on the door: 101, 1502, B-302. */
export const room = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,10}$/, { message: '请填写门牌上的房号，例如 302' })

export const joinCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: '入楼码是 6 位数字' })

export const noInput = z.strictObject({})
