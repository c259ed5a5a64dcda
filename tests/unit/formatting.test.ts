import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/**
 * The code is formatted by Prettier with the project's settings, and `npm run lint` fails on a file
 * that is not: shown here by running the real CLI on a badly formatted file inside the project.
 */
const REPO = path.resolve(__dirname, '..', '..')

describe('formatting', () => {
  it('when a source file is not formatted, then the check that npm run lint runs fails and names the file', () => {
    const file = path.join(REPO, 'cloudfunctions/core/shared', `format-fixture-${process.pid}.ts`)
    fs.writeFileSync(file, 'export const greeting = "你好";\nexport function add(a:number,b:number){return a+b}\n')
    try {
      const result = spawnSync('npx', ['prettier', '--check', file], { cwd: REPO, encoding: 'utf8' })
      expect(result.status).not.toBe(0)
      expect(result.stdout + result.stderr).toContain(path.basename(file))
    } finally {
      fs.rmSync(file, { force: true })
    }
  })

  it('when the same code is formatted, then the check passes', () => {
    const file = path.join(REPO, 'cloudfunctions/core/shared', `format-fixture-ok-${process.pid}.ts`)
    fs.writeFileSync(
      file,
      "export const greeting = '你好'\nexport function add(a: number, b: number) {\n  return a + b\n}\n",
    )
    try {
      const result = spawnSync('npx', ['prettier', '--check', file], { cwd: REPO, encoding: 'utf8' })
      expect(result.status).toBe(0)
    } finally {
      fs.rmSync(file, { force: true })
    }
  })

  it('when npm run lint runs, then it includes the formatting check', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(pkg.scripts.lint).toContain('prettier --check .')
  })
})
