/**
 * Property-based inputs for every action, derived from the contract schemas themselves:
 * - `validInput(schema)`: inputs the schema accepts (ids drawn partly from real documents, so
 *   calls reach deep into the use cases, not just NOT_FOUND);
 * - `hostileInput(schema)`: wrong types, missing and extra fields, `__proto__`/`constructor` keys,
 *   deep nesting, huge arrays, strings at and past every limit, emoji, zero-width and
 *   right-to-left characters, lone surrogates, NUL bytes, SQL and HTML fragments, out-of-range
 *   dates. Hostile inputs are JSON text, because that is what arrives over the wire (and the only
 *   way to carry an own `__proto__` key).
 */
import fc from 'fast-check'
import type { z } from 'zod'
import { textLimits } from '../../contracts'
import { cycle } from '../../cloudfunctions/core/shared/lists'

type Def = Record<string, any>

const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def as Def

/** Everyday text people type here: Chinese, digits, a little punctuation, the odd emoji. */
const PERSON_CHARS = [
  ...'王李张刘陈楼组活动健康血压报名读书合唱舞蹈邻居你好谢谢今天明天阿姨老伯0123456789abcXYZ，。！？ -😀👵🏻',
]
const personChar = fc.constantFrom(...PERSON_CHARS)

function personText(min: number, max: number): fc.Arbitrary<string> {
  const upper = Math.min(max, Math.max(min, 40))
  return fc
    .array(personChar, { minLength: Math.max(min, 1), maxLength: Math.max(upper, 1) })
    .map((chars) => chars.join('').trim())
    .filter((s) => [...s].length >= min && [...s].length <= max)
}

function checksOf(def: Def): Array<Def> {
  return ((def.checks ?? []) as Array<{ _zod: { def: Def } }>).map((c) => c._zod.def)
}

/**
 * Names every plain object already answers to. Sent as ids, kinds, topics, actions and field
 * names, they find `Object.prototype` wherever input indexes a plain object instead of a Map.
 */
export const PROTOTYPE_WORDS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
] as const

export interface FuzzContext {
  /** Real ids to draw from (buildings, groups, users, memberships, …). */
  knownIds: string[]
}

function stringArbitrary(schema: z.ZodType, def: Def, context: FuzzContext): fc.Arbitrary<string> {
  const limits = textLimits.get(schema)
  if (limits) return personText(limits.min, limits.max)
  if (def.format === 'url') return fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length <= 500)
  const checks = checksOf(def)
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern as RegExp | undefined
  if (pattern) {
    const generated = fc.stringMatching(pattern)
    // An id field: mostly real ids, so the call gets past "not found"; now and then a word every
    // object already knows, and a generated one.
    const words = fc.constantFrom(...PROTOTYPE_WORDS).filter((word) => pattern.test(word))
    if (String(pattern) === String(/^[A-Za-z0-9_-]{1,64}$/) && context.knownIds.length) {
      return fc.oneof(
        { arbitrary: fc.constantFrom(...context.knownIds), weight: 4 },
        { arbitrary: words, weight: 1 },
        { arbitrary: generated, weight: 1 },
      )
    }
    return PROTOTYPE_WORDS.some((word) => pattern.test(word))
      ? fc.oneof({ arbitrary: generated, weight: 4 }, { arbitrary: words, weight: 1 })
      : generated
  }
  const min = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0
  const max = (checks.find((c) => c.check === 'max_length')?.maximum as number | undefined) ?? 40
  return personText(min, max)
}

function numberArbitrary(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def)
  const integer = checks.some((c) => c.check === 'number_format' && /int/.test(String(c.format)))
  // Wide enough for epoch-millisecond timestamps (~1.8e12).
  let min = -1e13
  let max = 1e13
  for (const c of checks) {
    if (c.check === 'greater_than') min = Math.max(min, Number(c.value) + (c.inclusive ? 0 : integer ? 1 : 1e-6))
    if (c.check === 'less_than') max = Math.min(max, Number(c.value) - (c.inclusive ? 0 : integer ? 1 : 1e-6))
  }
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) })
    : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })
}

/** Inputs the schema accepts. Refinements the generator cannot see are met by filtering. */
export function validInput(schema: z.ZodType, context: FuzzContext): fc.Arbitrary<unknown> {
  return shape(schema, context).filter((value) => schema.safeParse(value).success)
}

function shape(schema: z.ZodType, context: FuzzContext): fc.Arbitrary<unknown> {
  const def = defOf(schema)
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def.shape as Record<string, z.ZodType>)
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      const required: string[] = []
      for (const [key, field] of entries) {
        const fieldDef = defOf(field)
        if (fieldDef.type === 'optional') model[key] = shape(fieldDef.innerType, context)
        else {
          model[key] = shape(field, context)
          required.push(key)
        }
      }
      return fc.record(model, { requiredKeys: required as never[] })
    }
    case 'optional':
      return fc.option(shape(def.innerType, context), { nil: undefined })
    case 'nullable':
      return fc.option(shape(def.innerType, context), { nil: null })
    case 'default':
    case 'prefault':
      return shape(def.innerType, context)
    case 'pipe':
      // What goes in is usually what to generate; but where the input is normalised first and the
      // output then checked (a code typed "1234-5678-9012" must become twelve digits), random
      // inputs almost never pass: values of the output's shape, which pass through unchanged, do.
      return fc.oneof(shape(def.in, context), shape(def.out, context))
    case 'string':
      return stringArbitrary(schema, def, context)
    case 'number':
      return numberArbitrary(def)
    case 'boolean':
      return fc.boolean()
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>))
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]))
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map((o) => shape(o, context)))
    case 'array': {
      const checks = checksOf(def)
      const minLength = (checks.find((c) => c.check === 'min_length')?.minimum as number | undefined) ?? 0
      const maxLength = Math.min((checks.find((c) => c.check === 'max_length')?.maximum as number | undefined) ?? 5, 8)
      return fc.array(shape(def.element, context), { minLength, maxLength: Math.max(minLength, maxLength) })
    }
    case 'null':
      return fc.constant(null)
    default:
      return fc.constant(undefined)
  }
}

const deep = (depth: number): unknown => (depth === 0 ? 'bottom' : { a: deep(depth - 1) })

/** Values that have no business in any field. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  '',
  ' ',
  '   \n\t ',
  'x'.repeat(1001),
  '楼'.repeat(3001),
  '😀'.repeat(501),
  'a\u0000b',
  '\u0000',
  '\uD800',
  'abc\uDC00',
  '\u200B\u200C\u200D\uFEFF',
  '\u202Eevil\u202C',
  '\u2066isolate\u2069',
  "'; DROP TABLE c_users; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  ...PROTOTYPE_WORDS,
  [],
  [null],
  Array.from({ length: 10_000 }, (_, i) => i),
  {},
  { $gt: '' },
  { $where: '1' },
  deep(200),
  -8640000000000000,
  8640000000000000,
  Date.UTC(1900, 0, 1),
  Date.UTC(2200, 0, 1),
]

function jsonWith(value: Record<string, unknown>, extraKey: string, extraValue: unknown): string {
  // JSON text, so `__proto__` arrives as an own key exactly as a hostile client would send it.
  const body = JSON.stringify(value)
  const extra = `${JSON.stringify(extraKey)}:${JSON.stringify(extraValue)}`
  return body === '{}' ? `{${extra}}` : `${body.slice(0, -1)},${extra}}`
}

/** One hostile input, as JSON text, built around a valid one. */
export function hostileInput(schema: z.ZodType, context: FuzzContext): fc.Arbitrary<string> {
  const valid = shape(schema, context).map((v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {},
  )
  const hostile = fc.constantFrom(...HOSTILE_VALUES)
  const keys = Object.keys(defOf(schema).type === 'object' ? defOf(schema).shape : {})
  const replaceField = fc.tuple(valid, hostile, fc.nat()).map(([v, bad, i]) => {
    if (!keys.length) return JSON.stringify(bad)
    return JSON.stringify({ ...v, [cycle(keys, i)]: bad })
  })
  const dropField = fc.tuple(valid, fc.nat()).map(([v, i]) => {
    const copy = { ...v }
    if (keys.length) delete copy[cycle(keys, i)]
    return JSON.stringify(copy)
  })
  const extraField = fc
    .tuple(valid, fc.constantFrom(...PROTOTYPE_WORDS, 'userId', 'role', 'isAdmin', '$where', 'extra'), hostile)
    .map(([v, key, bad]) =>
      jsonWith(v, key, key === '__proto__' || key === 'constructor' ? { isAdmin: true, polluted: bad } : bad),
    )
  const wholeThing = hostile.map((bad) => JSON.stringify(bad))
  // A record's keys (e.g. event answers) are input too.
  const recordKeys = keys.filter((key) => {
    const fieldDef = defOf(defOf(schema).shape[key])
    return (fieldDef.type === 'optional' ? defOf(fieldDef.innerType).type : fieldDef.type) === 'record'
  })
  const prototypeKeyInRecord = fc
    .tuple(valid, fc.constantFrom(...PROTOTYPE_WORDS), fc.nat())
    .map(([v, word, i]) =>
      recordKeys.length
        ? JSON.stringify({ ...v, [cycle(recordKeys, i)]: JSON.parse(`{${JSON.stringify(word)}:"x"}`) })
        : jsonWith(v, word, 'x'),
    )
  return fc.oneof(replaceField, dropField, extraField, wholeThing, prototypeKeyInRecord)
}
