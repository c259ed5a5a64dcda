import type { z } from 'zod'
import { FIELD_LABELS } from './labels'

export interface FieldProblem {
  /** Dotted path of the offending field; empty for the whole input. */
  field: string
  /** What is wrong, in Chinese, naming the field. */
  message: string
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problem: FieldProblem }

/** Parse untrusted input; on failure, describe the first problem for a person. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, problem: describeIssue(result.error.issues[0], input) }
}

/** The raw value at an issue's path in what was sent (undefined when absent). zod 4 issues do not carry it. */
function valueAt(input: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = input
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

function labelOf(path: ReadonlyArray<PropertyKey>): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i]
    if (typeof key === 'string') return FIELD_LABELS.get(key) ?? key
  }
  return '内容'
}

function describeIssue(
  issue: z.core.$ZodIssue | undefined,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): FieldProblem {
  if (!issue) return { field: '', message: '填写的内容有误' }
  const fullPath = [...prefix, ...issue.path]
  // None of the alternatives fit: explain the problem with the one the input came closest to
  // (fewest problems), so the person still learns which field is wrong.
  if (issue.code === 'invalid_union') {
    const closest = issue.errors.reduce<z.core.$ZodIssue[] | undefined>(
      (best, branch) => (branch.length && (!best || branch.length < best.length) ? branch : best),
      undefined,
    )
    if (closest) return describeIssue(closest[0], input, fullPath)
  }
  const path = fullPath.map(String)
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? ''
    return { field: [...path, key].filter(Boolean).join('.'), message: `不认识的字段：${issue.keys.join('、')}` }
  }
  const field = path.join('.')
  const label = path.length ? labelOf(fullPath) : '内容'
  return { field, message: `${label}：${reasonOf(issue, valueAt(input, fullPath) === undefined)}` }
}

/** zod's own messages are English ("Invalid input…", "Too big…"); ours are Chinese and win. */
const ZOD_DEFAULT_MESSAGE = /^(Invalid|Too (big|small)|Unrecognized|Expected)/

function reasonOf(issue: z.core.$ZodIssue, missing: boolean): string {
  if (issue.message && !ZOD_DEFAULT_MESSAGE.test(issue.message)) return issue.message
  // A required field left out (zod reports an enum or literal left out as a wrong value).
  if (missing && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return '必须填写'
  switch (issue.code) {
    case 'invalid_type':
      return '格式不对'
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '不能为空' : `至少 ${issue.minimum} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `至少选 ${issue.minimum} 项`
      return `不能小于 ${issue.minimum}`
    case 'too_big':
      if (issue.origin === 'string') return `最多 ${issue.maximum} 个字`
      if (issue.origin === 'array' || issue.origin === 'set') return `最多选 ${issue.maximum} 项`
      return `不能大于 ${issue.maximum}`
    case 'invalid_value':
    case 'invalid_union':
      return '不是可选的值'
    default:
      return '格式不对'
  }
}
