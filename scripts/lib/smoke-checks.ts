import type { Envelope, PingReport } from '../../contracts'
import { evaluateRule, RuleNotUnderstood } from './rule-eval'

/**
 * What the smoke check makes of each answer: one row of its table, and — when something is
 * wrong — exactly what to do about it. Pure functions, so each verdict is tested on its own.
 */

export interface SmokeRow {
  check: string
  ok: boolean
  detail: string
  /** For a failed check: what the operator should do. */
  fix?: string
}

/** WeChat's cloud-call answer when a function lacks the openapi permission (see msgsec-content-check.ts). */
const NO_PERMISSION = -604101
/** msgSecCheck reached WeChat, which did not know the (placeholder) openid: the permission is there. */
const UNKNOWN_OPENID = new Set([40003, 61010])

const redeployFromDevTools = (fn: string) =>
  `upload ${fn} from WeChat DevTools once (open the repository, right-click dist/cloudfunctions/${fn} → 上传并部署：云端安装依赖): DevTools applies config.json's openapi permissions, which a CLI deploy may not; then run npm run smoke again`

/** The function's answer to `ping` (or why there was none). */
export function pingRows(
  fn: string,
  answer: { reply?: unknown; error?: string },
  expectContentCheck: boolean,
): SmokeRow[] {
  if (answer.error !== undefined) {
    return [
      {
        check: `${fn}: call`,
        ok: false,
        detail: answer.error,
        fix: `is ${fn} deployed? run npm run deploy (npm run deploy -- --dry-run lists what it would send)`,
      },
    ]
  }
  const envelope = answer.reply as Envelope<PingReport> | undefined
  if (!envelope || typeof envelope !== 'object' || !('ok' in envelope)) {
    return [
      {
        check: `${fn}: call`,
        ok: false,
        detail: `unexpected reply ${JSON.stringify(answer.reply).slice(0, 120)}`,
        fix: `${fn} is not this project's function, or an old version: run npm run build:functions && npm run deploy`,
      },
    ]
  }
  if (!envelope.ok) {
    return [
      {
        check: `${fn}: call`,
        ok: false,
        detail: `${envelope.error.code}: ${envelope.error.message}`,
        fix: `an old version of ${fn} without ping? run npm run build:functions && npm run deploy, then read its log (云开发控制台 → 云函数 → ${fn} → 日志)`,
      },
    ]
  }
  const report = envelope.data
  const rows: SmokeRow[] = [{ check: `${fn}: call`, ok: true, detail: 'answered' }]
  rows.push(
    report.database.ok
      ? { check: `${fn}: database`, ok: true, detail: 'a read by id answered' }
      : {
          check: `${fn}: database`,
          ok: false,
          detail: report.database.message,
          fix: 'create the collections: npm run deploy (its first step sets up every collection, index and rule)',
        },
  )
  if (!expectContentCheck) return rows
  const probe = report.contentCheck
  if (!probe)
    rows.push({
      check: `${fn}: msgSecCheck`,
      ok: false,
      detail: 'no answer',
      fix: `redeploy ${fn}: npm run build:functions && npm run deploy`,
    })
  else if (probe.status === 'pass')
    rows.push({ check: `${fn}: msgSecCheck`, ok: true, detail: 'a harmless sentence passed' })
  else if (probe.status === 'rejected')
    rows.push({
      check: `${fn}: msgSecCheck`,
      ok: false,
      detail: 'WeChat refused a harmless sentence',
      fix: 'look at the WeChat MP console (内容安全) for the account’s standing',
    })
  else if (probe.errCode === NO_PERMISSION) {
    rows.push({
      check: `${fn}: msgSecCheck`,
      ok: false,
      detail: `errCode ${NO_PERMISSION}: no openapi permission for security.msgSecCheck — every text write answers INTERNAL`,
      fix: redeployFromDevTools(fn),
    })
  } else if (probe.errCode !== undefined && UNKNOWN_OPENID.has(probe.errCode)) {
    rows.push({
      check: `${fn}: msgSecCheck`,
      ok: true,
      detail: `permission granted (WeChat answered errCode ${probe.errCode} about the test openid; --openid <someone who opened the app in the last 2 h> checks a full pass)`,
    })
  } else {
    rows.push({
      check: `${fn}: msgSecCheck`,
      ok: false,
      detail: `${probe.errCode !== undefined ? `errCode ${probe.errCode}: ` : ''}${probe.message}`,
      fix: `read ${fn}'s log (云开发控制台 → 云函数 → ${fn} → 日志); errCodes are listed in WeChat's 云调用 documentation`,
    })
  }
  return rows
}

/** The `messages` rule as deployed (tcb DescribeSafeRule), tried with a member's and a stranger's lease. */
export function watchRuleRows(deployed: { aclTag: string; rule?: string }, now: number): SmokeRow[] {
  const fix =
    'apply the rule from cloudbase/database.rules.json: npm run deploy, or paste it in 云开发控制台 → 数据库 → messages → 权限设置 → 自定义安全规则'
  if (deployed.aclTag !== 'CUSTOM') {
    const open = deployed.aclTag === 'READONLY' || deployed.aclTag === 'PRIVATE'
    return [
      {
        check: 'messages rule',
        ok: false,
        detail: `${deployed.aclTag}: ${open ? 'strangers could read chat messages' : 'no member can watch chat (it falls back to polling every few seconds)'}`,
        fix,
      },
    ]
  }
  let read: unknown
  try {
    read = (JSON.parse(deployed.rule ?? '{}') as { read?: unknown }).read
  } catch {
    return [{ check: 'messages rule', ok: false, detail: 'the deployed rule is not JSON', fix }]
  }
  const groupId = 'bg-smoke-5'
  const lease = (openid: string, until: number) => (collection: string, id: string) =>
    collection === 'chat_readers' && id === `${groupId}~${openid}` ? { until } : null
  const tryRead = (
    openid: string,
    lookup: (c: string, id: string) => Record<string, unknown> | null,
  ): boolean | string => {
    if (typeof read === 'boolean') return read
    if (typeof read !== 'string') return 'no read rule'
    try {
      return evaluateRule(read, { auth: { openid }, doc: { groupId }, now, lookup })
    } catch (error) {
      if (error instanceof RuleNotUnderstood) return `not understood: ${error.message}`
      throw error
    }
  }
  const member = tryRead('o-smoke-member', lease('o-smoke-member', now + 60_000))
  const stranger = tryRead('o-smoke-stranger', lease('o-smoke-member', now + 60_000))
  const expired = tryRead('o-smoke-member', lease('o-smoke-member', now - 1))
  return [
    member === true
      ? { check: 'messages rule: member with a lease', ok: true, detail: 'may watch the group' }
      : {
          check: 'messages rule: member with a lease',
          ok: false,
          detail: member === false ? 'refused: chat falls back to polling' : String(member),
          fix,
        },
    stranger === false
      ? { check: 'messages rule: non-member', ok: true, detail: 'refused' }
      : {
          check: 'messages rule: non-member',
          ok: false,
          detail: stranger === true ? 'ALLOWED: anyone could read this group' : String(stranger),
          fix,
        },
    expired === false
      ? { check: 'messages rule: expired lease', ok: true, detail: 'refused' }
      : {
          check: 'messages rule: expired lease',
          ok: false,
          detail: expired === true ? 'ALLOWED: a former member could keep reading' : String(expired),
          fix,
        },
  ]
}

/** The table, then the fixes, numbered. */
export function renderSmoke(rows: readonly SmokeRow[]): string {
  const width = Math.max(...rows.map((r) => r.check.length), 5)
  const lines = [`${'check'.padEnd(width)}  result  detail`, `${'-'.repeat(width)}  ------  ${'-'.repeat(40)}`]
  for (const row of rows) lines.push(`${row.check.padEnd(width)}  ${row.ok ? 'ok    ' : 'FAILED'}  ${row.detail}`)
  const failed = rows.filter((r) => !r.ok)
  lines.push('')
  if (!failed.length) lines.push(`all ${rows.length} checks passed / 全部通过`)
  else {
    lines.push(`${failed.length} of ${rows.length} checks failed / 未通过. How to fix:`)
    failed.forEach((row, i) => lines.push(`  ${i + 1}. ${row.check}: ${row.fix ?? 'see the detail above'}`))
  }
  return lines.join('\n')
}
