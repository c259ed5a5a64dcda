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

describe('eslint: platform differences live in src/platform', () => {
  const branch = "export const label = process.env.TARO_ENV === 'weapp' ? '扫码签到' : '输入签到码签到'\n"

  test('when a page branches on process.env.TARO_ENV, then lint fails and points to src/platform', () => {
    expect(problems(branch, 'src/pages/fixture/index.tsx')).toEqual([expect.stringContaining('src/platform/<name>.h5.ts')])
  })

  test('when a src/platform file branches on it, then lint passes', () => {
    expect(problems(branch, 'src/platform/fixture.ts')).toEqual([])
  })
})
