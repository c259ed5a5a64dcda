/**
 * Regenerate the tables of docs/SECURITY.md from what the code and the tests say, so they never
 * drift: the authorisation matrix (tests/api/authorization-matrix.table.ts, which the matrix test
 * checks cell by cell) and every route's kind, rule and rate limit (the route table itself).
 *
 *   npm run security:matrix              write docs/SECURITY.md
 *   npm run security:matrix -- --check   exit 1 if it is out of date (a unit test does the same)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ALL_FUNCTIONS } from '../cloudfunctions/functions/registry'
import { DEFAULT_WRITE_LIMIT, describeAccess, type AnyRoute } from '../cloudfunctions/runtime/route'
import { CALLER_KINDS, cellCount, KIND_NAMES, MATRIX, type Cell } from '../tests/api/authorization-matrix.table'
import { isEntryPoint } from './lib/entry'

export const SECURITY_DOC = path.resolve(__dirname, '..', 'docs', 'SECURITY.md')

/** Short marks for refusals, so a row of thirteen cells fits on a screen. */
const MARKS: Record<string, string> = {
  'AUTH.UNAUTHENTICATED': 'U',
  'ACCOUNT.DELETED': 'D',
  'AUTH.FORBIDDEN': 'F',
  'AUTH.NOT_VERIFIED': 'V',
  'CHAT.NOT_MEMBER': 'M',
  NOT_FOUND: 'N',
  'BUDDY.NOT_SIGNED_UP': 'B',
  'BUDDY.ALREADY_SIGNED_UP': 'S',
  'ACCOUNT.ALREADY_MEMBER': 'A',
  'EVENT.NOT_CONFIRMED': 'C',
  'ACCOUNT.CLAIM_EXPIRED': 'X',
}

const escape = (text: string) => text.replace(/\|/g, '\\|')

function mark(cell: Cell): string {
  if (cell === '✓' || cell === '○') return cell
  const short = MARKS[cell]
  if (!short) throw new Error(`no mark for ${cell}: add it to MARKS in scripts/security-matrix.ts`)
  return `✗${short}`
}

export function countsSection(): string {
  const cells = Object.values(MATRIX).flatMap((row) => Object.values(row.cells))
  const refused = cells.filter((c) => c !== '✓' && c !== '○').length
  const actions = ALL_FUNCTIONS.reduce((n, d) => n + Object.keys(d.routes).length, 0)
  return [
    `- **${actions} actions** in ${ALL_FUNCTIONS.length} functions, as **${Object.keys(MATRIX).length} rows** (some actions have a second input worth its own row) × **${CALLER_KINDS.length} kinds of caller** = **${cellCount()} cells**, every one checked on every run.`,
    `- ${cells.filter((c) => c === '✓').length} allowed (✓), ${cells.filter((c) => c === '○').length} allowed but private (○), ${refused} refused (✗).`,
    '- **0 leaks, 0 refused calls that changed anything, 0 reads that wrote**: any one of them fails the run (see below for what is compared).',
  ].join('\n')
}

export function kindsSection(): string {
  const rows = CALLER_KINDS.map(
    (kind) => `| \`${kind}\` | ${KIND_NAMES[kind].short} | ${escape(KIND_NAMES[kind].who)} |`,
  )
  return ['| kind | 简称 | who |', '|---|---|---|', ...rows].join('\n')
}

export function matrixSection(): string {
  const header = `| action | about | ${CALLER_KINDS.map((k) => KIND_NAMES[k].short).join(' | ')} |`
  const rule = `|---|---|${CALLER_KINDS.map(() => ':-:').join('|')}|`
  const parts: string[] = []
  for (const definition of ALL_FUNCTIONS) {
    parts.push(`#### ${definition.name}`, '', header, rule)
    for (const action of Object.keys(definition.routes)) {
      for (const key of Object.keys(MATRIX).filter(
        (k) => k === `${definition.name}.${action}` || k.startsWith(`${definition.name}.${action}#`),
      )) {
        const row = MATRIX[key]
        if (!row) continue
        const name = key.slice(definition.name.length + 1)
        parts.push(
          `| \`${name}\` | ${escape(row.about)} | ${CALLER_KINDS.map((kind) => mark(row.cells[kind])).join(' | ')} |`,
        )
      }
    }
    parts.push('')
  }
  const legend = Object.entries(MARKS)
    .map(([code, short]) => `✗${short} \`${code}\``)
    .join(' · ')
  return [...parts, `✓ allowed · ○ allowed, reveals and changes none of the row's private things · ${legend}`].join(
    '\n',
  )
}

function limitOf(route: AnyRoute<never>): string {
  const limit = route.rateLimit ?? (route.kind === 'write' ? DEFAULT_WRITE_LIMIT : undefined)
  if (!limit) return '—'
  const window =
    limit.windowSeconds % 3600 === 0
      ? `${limit.windowSeconds / 3600} h`
      : limit.windowSeconds % 60 === 0
        ? `${limit.windowSeconds / 60} min`
        : `${limit.windowSeconds} s`
  return `${limit.max} / ${window}${limit.scope ? ' (per group)' : ''}${route.rateLimit ? '' : ' (default)'}`
}

export function routesSection(): string {
  const rows: string[] = []
  for (const definition of ALL_FUNCTIONS) {
    for (const [action, route] of Object.entries(definition.routes) as Array<[string, AnyRoute<never>]>) {
      rows.push(
        `| \`${definition.name}.${action}\` | ${route.kind} | ${escape(describeAccess(route))} | ${limitOf(route)} |`,
      )
    }
  }
  return [
    '| action | kind | who may call it (route rule; the use case checks the thing itself) | rate limit per person |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n')
}

function replaceSection(doc: string, name: string, content: string): string {
  const start = `<!-- generated:${name}:start -->`
  const end = `<!-- generated:${name}:end -->`
  const from = doc.indexOf(start)
  const to = doc.indexOf(end)
  if (from < 0 || to < from) throw new Error(`docs/SECURITY.md lacks the markers ${start} … ${end}`)
  return `${doc.slice(0, from + start.length)}\n${content}\n${doc.slice(to)}`
}

export function renderSecurityDoc(docText: string): string {
  let doc = replaceSection(docText, 'counts', countsSection())
  doc = replaceSection(doc, 'kinds', kindsSection())
  doc = replaceSection(doc, 'matrix', matrixSection())
  doc = replaceSection(doc, 'routes', routesSection())
  return doc
}

function cli(): number {
  const docText = fs.readFileSync(SECURITY_DOC, 'utf8')
  const doc = renderSecurityDoc(docText)
  if (parseArgs({ options: { check: { type: 'boolean', default: false } } }).values.check) {
    if (doc !== docText) {
      console.error('docs/SECURITY.md is out of date — run npm run security:matrix')
      return 1
    }
    console.log('docs/SECURITY.md is up to date')
    return 0
  }
  fs.writeFileSync(SECURITY_DOC, doc)
  console.log(`wrote docs/SECURITY.md: ${cellCount()} cells`)
  return 0
}

if (isEntryPoint(__filename)) process.exitCode = cli()
