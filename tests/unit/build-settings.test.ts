import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConstants, readBuildSettings, releaseProblems } from '../../config/build-settings'
import { entryOf } from '../support/lists'

/**
 * What a mini-program build is bound to. A development build needs nothing; a production build
 * (`npm run build:weapp -- --prod`) refuses to start without a real AppID, CloudBase environment,
 * QR-code links and subscribe templates, naming each setting that is missing.
 */

const REPO = path.resolve(__dirname, '..', '..')
const TEMPLATES = JSON.stringify({
  announcement: { templateId: 'TMPL-ANN', fields: { thing1: 'title', thing2: 'body' } },
  eventReminder: { templateId: 'TMPL-EVT', fields: { thing1: 'title' } },
})
const RELEASE_ENV = {
  TARO_APP_ID: 'wx0123456789abcdef',
  TARO_APP_CLOUD_ENV: 'louzu-prod-4g1x2',
  TARO_APP_JOIN_URL: 'https://louzu.jinshanghai.cn/join',
  TARO_APP_CHECKIN_URL: 'https://louzu.jinshanghai.cn/checkin',
  TARO_APP_CHARTER_URL: 'https://louzu.jinshanghai.cn/charter',
  LOUZU_TEMPLATE_IDS: TEMPLATES,
}

let root: string
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-settings-'))
  fs.writeFileSync(path.join(root, 'project.config.json'), JSON.stringify({ appid: 'touristappid' }))
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

const settingsOf = (env: Record<string, string | undefined>) => readBuildSettings(root, env, 'production')
const named = (problems: string[]) => problems.map((p) => p.split(/[:\s]/)[0])

describe('build settings', () => {
  test('when nothing is set, then a development build still gets every constant (empty) and no template ids', () => {
    expect(defineConstants(settingsOf({}))).toEqual({
      'process.env.TARO_APP_CLOUD_ENV': '""',
      'process.env.TARO_APP_JOIN_URL': '""',
      'process.env.TARO_APP_CHECKIN_URL': '""',
      'process.env.TARO_APP_CHARTER_URL': '""',
      'process.env.LOUZU_BUILD_TEMPLATE_IDS': JSON.stringify('{}'),
    })
  })

  test('when nothing is set, then a production build is refused, naming every missing setting', () => {
    expect(named(releaseProblems(settingsOf({})))).toEqual([
      'TARO_APP_ID',
      'TARO_APP_CLOUD_ENV',
      'TARO_APP_JOIN_URL',
      'TARO_APP_CHECKIN_URL',
      'TARO_APP_CHARTER_URL',
      'LOUZU_TEMPLATE_IDS',
    ])
    expect(releaseProblems(settingsOf({}))[0]).toContain('"touristappid"')
  })

  test('when every setting is real, then a production build may go ahead and the app gets the template ids from the one setting', () => {
    const settings = settingsOf(RELEASE_ENV)
    expect(releaseProblems(settings)).toEqual([])
    expect(JSON.parse(JSON.parse(entryOf(defineConstants(settings), 'process.env.LOUZU_BUILD_TEMPLATE_IDS')))).toEqual({
      announcement: 'TMPL-ANN',
      eventReminder: 'TMPL-EVT',
    })
    expect(defineConstants(settings)['process.env.TARO_APP_CLOUD_ENV']).toBe('"louzu-prod-4g1x2"')
  })

  test('when the settings live in .env.production.local, then they are read, and the shell wins over the file', () => {
    fs.writeFileSync(
      path.join(root, '.env.production.local'),
      Object.entries(RELEASE_ENV)
        .map(([k, v]) => `${k}='${v}'`)
        .join('\n'),
    )
    expect(releaseProblems(settingsOf({}))).toEqual([])
    expect(settingsOf({ TARO_APP_CLOUD_ENV: 'louzu-staging' }).values.TARO_APP_CLOUD_ENV).toBe('louzu-staging')
    expect(settingsOf({}).appId).toBe('wx0123456789abcdef')
  })

  test.each([
    ['an AppID that is not one', { TARO_APP_ID: 'wx123' }, 'TARO_APP_ID'],
    ['a cloud environment with spaces', { TARO_APP_CLOUD_ENV: 'louzu prod' }, 'TARO_APP_CLOUD_ENV'],
    ['an http QR link', { TARO_APP_JOIN_URL: 'http://louzu.jinshanghai.cn/join' }, 'TARO_APP_JOIN_URL'],
    ['the example QR link', { TARO_APP_CHECKIN_URL: 'https://louzu.example.cn/checkin' }, 'TARO_APP_CHECKIN_URL'],
    ['templates that are not JSON', { LOUZU_TEMPLATE_IDS: 'announcement=TMPL' }, 'LOUZU_TEMPLATE_IDS'],
    ['an empty template list', { LOUZU_TEMPLATE_IDS: '{}' }, 'LOUZU_TEMPLATE_IDS'],
    [
      'the retired per-event template setting',
      { TARO_APP_TMPL_EVENT_REMINDER: 'TMPL-OLD' },
      'TARO_APP_TMPL_EVENT_REMINDER',
    ],
  ])('when a production build has %s, then it is refused for that setting alone', (_what, override, setting) => {
    expect(named(releaseProblems(settingsOf({ ...RELEASE_ENV, ...override })))).toEqual([setting])
  })
})

describe('npm run build:weapp -- --prod', () => {
  test('when the AppID is the DevTools placeholder, then the build stops before compiling, exits 2 and says which settings to set', async () => {
    const appJs = path.join(REPO, 'dist', 'weapp', 'app.js')
    const before = fs.existsSync(appJs) ? fs.statSync(appJs).mtimeMs : null
    const env = { ...process.env, TARO_APP_ID: 'touristappid', TARO_APP_CLOUD_ENV: '', LOUZU_TEMPLATE_IDS: '' }
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'build:weapp', '--', '--prod'], { cwd: REPO, env })
      let err = ''
      child.stderr.on('data', (d) => (err += d))
      child.stdout.resume()
      child.on('error', reject)
      child.on('exit', (exit) => resolve({ code: exit, stderr: err }))
    })
    expect(code).toBe(2)
    expect(stderr).toContain('Production build refused')
    expect(stderr).toContain('TARO_APP_ID')
    expect(stderr).toContain('"touristappid"')
    expect(fs.existsSync(appJs) ? fs.statSync(appJs).mtimeMs : null).toBe(before)
  }, 60_000)
})
