import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { dotenvParse } from '@tarojs/helper'

type Templates = typeof import('../contracts/subscribe-templates')

/**
 * The template setting's one parser lives in contracts/ (the cloud functions use it too). Taro
 * compiles only config/ when it loads this file, so there contracts/ comes through tsx's scoped
 * loader; under a test runner that compiles TypeScript itself, a plain require does.
 */
function loadTemplates(): Templates {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a conditional load, see above
    return require('../contracts/subscribe-templates') as Templates
  } catch {
    const tsx = createRequire(__filename)('tsx/cjs/api') as { require(id: string, from: string): unknown }
    return tsx.require('../contracts/subscribe-templates', __filename) as Templates
  }
}
const { parseTemplateConfig, TEMPLATE_ENV_VAR, templateIdsOf } = loadTemplates()

/**
 * What a mini-program build is bound to, read from the shell or from `.env`, `.env.local`,
 * `.env.<mode>`, `.env.<mode>.local` (the shell wins). A development build may leave all of them
 * unset; a production build (`npm run build:weapp -- --prod`) refuses to start unless each one is
 * real, naming the setting that is missing — a build that cannot reach its cloud or opens posters'
 * links on louzu.example.cn must never reach residents' phones. docs/DEPLOY.md §2 lists them.
 */

export const SETTINGS = {
  appId: 'TARO_APP_ID',
  cloudEnv: 'TARO_APP_CLOUD_ENV',
  joinUrl: 'TARO_APP_JOIN_URL',
  checkinUrl: 'TARO_APP_CHECKIN_URL',
  charterUrl: 'TARO_APP_CHARTER_URL',
  templates: TEMPLATE_ENV_VAR,
} as const

/** Settings that earlier versions read; a production build refuses them so nobody sets the wrong one. */
const RETIRED: Record<string, string> = {
  TARO_APP_TEMPLATE_IDS: TEMPLATE_ENV_VAR,
  TARO_APP_TMPL_EVENT_REMINDER: TEMPLATE_ENV_VAR,
  TARO_APP_TMPL_EVENT_UPDATE: TEMPLATE_ENV_VAR,
}

/** WeChat AppIDs: `wx` and 16 hex digits. `touristappid` (DevTools' placeholder) is not one. */
const APP_ID = /^wx[0-9a-f]{16}$/
/** CloudBase environment ids, as the SDK accepts them. */
const CLOUD_ENV = /^[a-z0-9][a-z0-9_-]{0,39}$/

export interface BuildSettings {
  /** Every value by setting name, the shell over the .env files; unset ones are absent. */
  values: Record<string, string>
  /** The AppID the build will carry: TARO_APP_ID, else project.config.json's `appid`. */
  appId: string
}

/** Read the settings for `mode` (`production` for `taro build`) from `root`'s .env files and `env`. */
export function readBuildSettings(root: string, env: Record<string, string | undefined>, mode: string): BuildSettings {
  const fromFiles = dotenvParse(root, ['TARO_APP_', 'LOUZU_'], mode) as Record<string, string>
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(fromFiles)) if (value) values[key] = value
  for (const [key, value] of Object.entries(env))
    if (value && (key.startsWith('TARO_APP_') || key.startsWith('LOUZU_'))) values[key] = value
  const projectConfig = path.join(root, 'project.config.json')
  const configured = fs.existsSync(projectConfig)
    ? String((JSON.parse(fs.readFileSync(projectConfig, 'utf8')) as { appid?: unknown }).appid ?? '')
    : ''
  return { values, appId: values[SETTINGS.appId] ?? configured }
}

function isHttpsLink(value: string | undefined): boolean {
  if (!value) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && !/(^|\.)example\.(cn|com|org)$/.test(url.hostname)
  } catch {
    return false
  }
}

/** Why this build must not ship to residents, one line per setting (empty: it may). */
export function releaseProblems(settings: BuildSettings): string[] {
  const { values } = settings
  const problems: string[] = []
  if (!APP_ID.test(settings.appId)) {
    problems.push(
      `${SETTINGS.appId}: the mini-program's AppID (wx + 16 hex digits, 小程序后台 → 开发管理 → 开发设置) — now "${settings.appId || '(empty)'}"; set it in .env.production.local or the shell (it replaces project.config.json's "${'touristappid'}" in dist/weapp)`,
    )
  }
  if (!CLOUD_ENV.test(values[SETTINGS.cloudEnv] ?? '')) {
    problems.push(
      `${SETTINGS.cloudEnv}: the CloudBase environment id (云开发控制台 → 环境 ID, e.g. louzu-prod-4g1x…) — without it the app calls cloud.init({ env: undefined }) and reaches whichever environment WeChat picks`,
    )
  }
  for (const key of [SETTINGS.joinUrl, SETTINGS.checkinUrl, SETTINGS.charterUrl]) {
    if (!isHttpsLink(values[key])) {
      problems.push(
        `${key}: an https link registered under 扫普通链接二维码打开小程序 (小程序后台 → 开发管理 → 开发设置) — otherwise printed QR codes point at louzu.example.cn`,
      )
    }
  }
  const templates = parseTemplateConfig(values[SETTINGS.templates])
  if (!templates.ok) problems.push(templates.problem)
  else if (!Object.keys(templates.templates).length) {
    problems.push(
      `${SETTINGS.templates}: the WeChat subscribe-message templates (JSON, see docs/DEPLOY.md §4) — without them nobody can be reminded on WeChat`,
    )
  }
  for (const [old, replacement] of Object.entries(RETIRED)) {
    if (values[old])
      problems.push(
        `${old} is no longer read: put every template in ${replacement} (docs/DEPLOY.md §4) and remove ${old}`,
      )
  }
  return problems
}

/**
 * What the app's code sees, as `process.env.<name>` replaced at build time. Every one is always
 * defined (an unset one compiles to '' rather than a `process.env` lookup, which would crash in
 * WeChat: it has no `process`). Template ids reach the app as `{ key: templateId }` JSON.
 */
export function defineConstants(settings: BuildSettings): Record<string, string> {
  const { values } = settings
  const templates = parseTemplateConfig(values[SETTINGS.templates])
  const constants: Record<string, string> = {
    TARO_APP_CLOUD_ENV: values[SETTINGS.cloudEnv] ?? '',
    TARO_APP_JOIN_URL: values[SETTINGS.joinUrl] ?? '',
    TARO_APP_CHECKIN_URL: values[SETTINGS.checkinUrl] ?? '',
    TARO_APP_CHARTER_URL: values[SETTINGS.charterUrl] ?? '',
    LOUZU_BUILD_TEMPLATE_IDS: JSON.stringify(templates.ok ? templateIdsOf(templates.templates) : {}),
  }
  return Object.fromEntries(
    Object.entries(constants).map(([key, value]) => [`process.env.${key}`, JSON.stringify(value)]),
  )
}

export class ReleaseRefused extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        '生产构建已拒绝：以下设置缺失或无效 / Production build refused — these settings are missing or invalid:',
        ...problems.map((p) => `  - ${p}`),
        '',
        'A development build (`npm run build:weapp` without --prod) needs none of them. See docs/DEPLOY.md §2.',
      ].join('\n'),
    )
    this.name = 'ReleaseRefused'
  }
}
