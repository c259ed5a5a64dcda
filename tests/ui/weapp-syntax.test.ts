import fs from 'node:fs'
import path from 'node:path'
import { parse, type Token } from 'acorn'
import target from '../../config/weapp-target.json'
import { DIST } from './support/weapp'

/**
 * The WeChat build must run on the oldest engine the mini-program supports (config/weapp-target.json:
 * iOS 12's JavaScriptCore). A syntax error there is not a bug in one page: the whole script fails to
 * load and the resident sees a blank screen. So every file of dist/weapp is parsed at that
 * ECMAScript version, and regular-expression look-behind — which that engine cannot parse although
 * it dates from ES2018 — is looked for separately.
 */
function scripts(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return scripts(file)
    return file.endsWith('.js') ? [file] : []
  })
}

describe('WeChat build: JavaScript the oldest supported WeChat can run', () => {
  const files = fs.existsSync(DIST) ? scripts(DIST) : []

  test('when dist/weapp is listed, then it holds the app and its pages', () => {
    expect(files.map((f) => path.relative(DIST, f))).toEqual(
      expect.arrayContaining(['app.js', 'vendors.js', 'pages/home/index.js']),
    )
  })

  test(`when every script is parsed as ES${target.ecmaVersion}, then none uses newer syntax (no ?., ??, class fields…)`, () => {
    const failures: string[] = []
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8')
      try {
        parse(source, { ecmaVersion: target.ecmaVersion as 2019, sourceType: 'script' })
      } catch (error) {
        const at = (error as { pos?: number }).pos ?? 0
        failures.push(
          `${path.relative(DIST, file)}: ${(error as Error).message} near ${JSON.stringify(source.slice(Math.max(0, at - 40), at + 20))}`,
        )
      }
    }
    expect(failures).toEqual([])
  })

  test('when every regular expression literal is read, then none uses look-behind', () => {
    const lookBehind: string[] = []
    for (const file of files) {
      const onToken = (token: Token) => {
        const value = (token as unknown as { value?: { pattern?: string } }).value
        if (token.type.label === 'regexp' && value?.pattern && /\(\?<[=!]/.test(value.pattern))
          lookBehind.push(`${path.relative(DIST, file)}: /${value.pattern}/`)
      }
      parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'script', onToken })
    }
    expect(lookBehind).toEqual([])
  })
})
