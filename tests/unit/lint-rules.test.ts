import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The project's own lint rules, each shown failing on a violation (a rule that never fires
 * protects nothing). Each fixture is written where such code would live, so the type-aware rules
 * see it inside the project, and all are linted by one run of the real eslint CLI (loading the
 * TypeScript program once).
 */
const REPO = path.resolve(__dirname, '..', '..')
const tag = `lint-fixture-${process.pid}`

/** A file of `lines` lines, as a page's source would be. */
function pageOf(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `export const line${i} = ${i}`).join('\n') + '\n'
}

const fixtures = {
  zodNamed: ['contracts', "import { z } from 'zod'\nexport const name = z.string()\n"],
  zodNamespace: ['contracts', "import * as z from 'zod'\nexport const name = z.string()\n"],
  zodTypeOnly: ['contracts', "import type { z } from 'zod'\nexport type Name = z.ZodString\n"],
  floating: [
    'cloudfunctions/core/shared',
    'async function save(): Promise<void> {}\nexport function run(): void {\n  save()\n}\n',
  ],
  awaited: [
    'cloudfunctions/core/shared',
    'async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  await save()\n  void save()\n}\n',
  ],
  explicitAny: ['src/utils', 'export const parse = (text: string): any => JSON.parse(text)\n'],
  platformBranch: [
    'src/utils',
    "export const label = process.env.TARO_ENV === 'weapp' ? '扫码签到' : '输入签到码签到'\n",
  ],
  platformBranchInPlatform: [
    'src/platform',
    "export const label = process.env.TARO_ENV === 'weapp' ? '扫码签到' : '输入签到码签到'\n",
  ],
  openTables: [
    'cloudfunctions/core/shared',
    "export const KIND_NAMES: Record<string, string> = { group: '群' }\nexport const TOPIC_NAMES: Readonly<Record<string, string>> = { group: '群' }\nexport const CODES: Record<number, string> = { 1: 'ad' }\n",
  ],
  openTablesInPages: [
    'src/utils',
    "export const KIND_NAMES: Record<string, string> = { group: '群' }\nexport const TOPIC_NAMES: Readonly<Record<string, string>> = { group: '群' }\nexport const CODES: Record<number, string> = { 1: 'ad' }\n",
  ],
  closedTables: [
    'cloudfunctions/core/shared',
    "export const KIND_NAMES: ReadonlyMap<string, string> = new Map([['group', '群']])\ntype Kind = 'group' | 'team'\nexport const TEAM_NAMES: Record<Kind, string> = { group: '群', team: '队' }\nexport function patch(now: number): Record<string, unknown> {\n  const set: Record<string, unknown> = { editedAt: now }\n  return set\n}\n",
  ],
  foreignCollection: [
    'cloudfunctions/core/events',
    "import type { DocumentStore } from '../shared/document-store'\n" +
      "const USERS = 'users'\n" +
      'export async function nameOf(store: DocumentStore, id: string): Promise<string | undefined> {\n' +
      "  const user = await store.get('users', id)\n" +
      '  await store.count(USERS, { deletedAt: null })\n' +
      "  const [group] = await store.find('groups', { kind: 'interest' }, { limit: 1 })\n" +
      '  return user?.nickname ?? group?.name\n' +
      '}\n',
  ],
  ownCollectionAndRepository: [
    'cloudfunctions/core/events',
    "import { getUser } from '../account/users.repository'\n" +
      "import type { DocumentStore } from '../shared/document-store'\n" +
      'export async function titleFor(store: DocumentStore, id: string, userId: string): Promise<string> {\n' +
      "  const [event, user] = await Promise.all([store.get('events', id), getUser(store, userId)])\n" +
      "  const labels = new Map([['users', '用户']])\n" +
      "  return `${event?.title ?? ''} ${user?.nickname ?? ''} ${labels.get('users') ?? ''}`\n" +
      '}\n',
  ],
  storeWideInShared: [
    'cloudfunctions/core/shared',
    "import type { DocumentStore } from './document-store'\n" +
      'export async function accounts(store: DocumentStore): Promise<number> {\n' +
      "  return store.count('users', {})\n" +
      '}\n',
  ],
  longPage: ['src/pages', pageOf(201)],
  pageAtTheLimit: ['src/pages', pageOf(200)],
  longFeatureFile: ['src/features/layout', pageOf(201)],
} as const

type Fixture = keyof typeof fixtures
const fileOf = (name: Fixture) => path.join(REPO, fixtures[name][0], `${tag}-${name}.ts`)
let found: Record<string, string[]> = {}

beforeAll(() => {
  const names = Object.keys(fixtures) as Fixture[]
  for (const name of names) fs.writeFileSync(fileOf(name), fixtures[name][1])
  try {
    const run = spawnSync(
      path.join(REPO, 'node_modules', '.bin', 'eslint'),
      ['--format', 'json', ...names.map(fileOf)],
      { cwd: REPO, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    )
    const results = JSON.parse(run.stdout) as Array<{
      filePath: string
      messages: Array<{ ruleId: string; message: string }>
    }>
    found = Object.fromEntries(
      names.map((name) => [
        name,
        results.find((r) => r.filePath === fileOf(name))!.messages.map((m) => `${m.ruleId}: ${m.message}`),
      ]),
    )
  } finally {
    for (const name of names) fs.rmSync(fileOf(name), { force: true })
  }
}, 300_000)

describe('eslint: zod is imported as a namespace', () => {
  test('when a file imports { z } from zod, then lint fails and says how to import it', () => {
    expect(found.zodNamed).toEqual([expect.stringContaining("import * as z from 'zod'")])
  })

  test('when a file imports zod as a namespace or only its types, then lint passes', () => {
    expect(found.zodNamespace).toEqual([])
    expect(found.zodTypeOnly).toEqual([])
  })
})

describe('eslint: promises are awaited or explicitly let go', () => {
  test('when a promise is called and forgotten, then lint fails', () => {
    expect(found.floating).toEqual([expect.stringContaining('@typescript-eslint/no-floating-promises')])
  })

  test('when a promise is awaited or marked with void, then lint passes', () => {
    expect(found.awaited).toEqual([])
  })
})

describe('eslint: the product has no `any`', () => {
  test('when app code declares `any`, then lint fails', () => {
    expect(found.explicitAny).toEqual([expect.stringContaining('@typescript-eslint/no-explicit-any')])
  })
})

describe('eslint: platform differences live in src/platform', () => {
  test('when code outside src/platform branches on process.env.TARO_ENV, then lint fails and points to src/platform', () => {
    expect(found.platformBranch).toEqual([expect.stringContaining('src/platform/<name>.h5.ts')])
  })

  test('when a src/platform file branches on it, then lint passes', () => {
    expect(found.platformBranchInPlatform).toEqual([])
  })
})

describe('eslint: lookup tables keyed by any string are Maps', () => {
  const useAMap = expect.stringContaining('use a Map')
  test('when a constant table is typed Record<string, …> or Record<number, …>, then lint fails and says to use a Map', () => {
    expect(found.openTables).toEqual([useAMap, useAMap, useAMap])
    expect(found.openTablesInPages).toEqual([useAMap, useAMap, useAMap])
  })

  test('when a table is a Map, a Record over known keys, or a document being built, then lint passes', () => {
    expect(found.closedTables).toEqual([])
  })
})

describe("eslint: a feature reaches another feature's collections only through its functions", () => {
  test("when a feature names another feature's collection in a store call (directly or through a constant), then lint fails and names the owner", () => {
    expect(found.foreignCollection).toEqual([
      expect.stringMatching(/louzu\/feature-collections: 'users' belongs to core\/account/),
      expect.stringMatching(/louzu\/feature-collections: 'users' belongs to core\/account/),
      expect.stringMatching(/louzu\/feature-collections: 'groups' belongs to core\/groups/),
    ])
  })

  test("when a feature reads its own collections and another's through its repository, then lint passes", () => {
    expect(found.ownCollectionAndRepository).toEqual([])
  })

  test('when store-wide code in core/shared names any collection, then lint passes', () => {
    expect(found.storeWideInShared).toEqual([])
  })
})

describe('eslint: pages stay short', () => {
  test('when a page file is over 200 lines, then lint fails and says so', () => {
    expect(found.longPage).toEqual([
      expect.stringContaining('max-lines: File has too many lines (201). Maximum allowed is 200'),
    ])
  })

  test('when a page file has 200 lines, or a feature file is longer, then lint passes', () => {
    expect(found.pageAtTheLimit).toEqual([])
    expect(found.longFeatureFile).toEqual([])
  })
})
