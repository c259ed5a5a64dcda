import { spawnSync } from 'node:child_process'
import path from 'node:path'

/**
 * The project's own lint rules, each shown failing on a violation (a rule that never fires
 * protects nothing). A fixture is linted by the real eslint CLI as if it lived at `file`.
 */
const REPO = path.resolve(__dirname, '..', '..')

function problems(code: string, file: string): string[] {
  const run = spawnSync(path.join(REPO, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: REPO, input: code, encoding: 'utf8' })
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`)
}

describe('eslint: zod is imported as a namespace', () => {
  test('when a file imports { z } from zod, then lint fails and says how to import it', () => {
    const found = problems("import { z } from 'zod'\nexport const name = z.string()\n", 'contracts/fixture.ts')
    expect(found).toEqual([expect.stringContaining("import * as z from 'zod'")])
  })

  test('when a file imports zod as a namespace or only its types, then lint passes', () => {
    expect(problems("import * as z from 'zod'\nexport const name = z.string()\n", 'contracts/fixture.ts')).toEqual([])
    expect(problems("import type { z } from 'zod'\nexport type Name = z.ZodString\n", 'contracts/fixture.ts')).toEqual([])
  })
})

describe('eslint: lookup tables keyed by any string are Maps', () => {
  test('when a constant table is typed Record<string, …> or Record<number, …>, then lint fails and says to use a Map', () => {
    const tables = [
      "export const KIND_NAMES: Record<string, string> = { group: '群' }",
      "export const TOPIC_NAMES: Readonly<Record<string, string>> = { group: '群' }",
      "export const CODES: Record<number, string> = { 1: 'ad' }",
    ].join('\n')
    const useAMap = expect.stringContaining('use a Map')
    expect(problems(`${tables}\n`, 'cloudfunctions/runtime/fixture.ts')).toEqual([useAMap, useAMap, useAMap])
    expect(problems(`${tables}\n`, 'src/features/fixture.ts')).toEqual([useAMap, useAMap, useAMap])
  })

  test('when a table is a Map, a Record over known keys, or a document being built, then lint passes', () => {
    const fine = [
      "export const KIND_NAMES: ReadonlyMap<string, string> = new Map([['group', '群']])",
      "type Kind = 'group' | 'team'",
      "export const TEAM_NAMES: Record<Kind, string> = { group: '群', team: '队' }",
      'export function patch(now: number): Record<string, unknown> {',
      '  const set: Record<string, unknown> = { editedAt: now }',
      '  return set',
      '}',
    ].join('\n')
    expect(problems(`${fine}\n`, 'cloudfunctions/runtime/fixture.ts')).toEqual([])
  })
})
