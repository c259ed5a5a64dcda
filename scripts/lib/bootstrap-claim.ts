import {
  committeeExists,
  createClaimCode,
  grantBootstrapAdmins,
  liveClaimExists,
} from '../../cloudfunctions/core/account/committee/claim'
import type { DocumentStore } from '../../cloudfunctions/core/shared/document-store'
import type { Deps } from '../../cloudfunctions/core/shared/ports'
import { DEMO_ADMIN_OPENID } from '../../cloudfunctions/seed/neighbourhood'
import type { ScriptEnv } from './script-deps'

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

/** LOUZU_BOOTSTRAP_ADMINS=<openid,…>, checked: a typo must not silently make nobody (or somebody else) the committee. */
export function bootstrapAdmins(env: ScriptEnv): { ok: true; openids: string[] } | { ok: false; problem: string } {
  const openids = (env.LOUZU_BOOTSTRAP_ADMINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const bad = openids.find((id) => !OPENID.test(id))
  return bad
    ? { ok: false, problem: `LOUZU_BOOTSTRAP_ADMINS 里的「${bad}」不是 openid（只含字母、数字、- 和 _）` }
    : { ok: true, openids }
}

/** What the bootstrap script does around the import itself. */
export const afterBootstrap = {
  /** A database that holds the demo neighbourhood is for trying the product, not for real households. */
  async refuseTarget(store: DocumentStore): Promise<string | null> {
    const [persona] = await store.find('users', { openid: DEMO_ADMIN_OPENID }, { limit: 1 })
    return persona
      ? '这个数据库装的是演示小区（有演示身份），不能导入真实住户。请换一个空的数据库（LOUZU_DB=… npm start -- --no-demo）。'
      : null
  },

  /**
   * The way in for the first committee member: LOUZU_BOOTSTRAP_ADMINS's accounts become admins;
   * otherwise, while nobody holds the committee role, a claim code: on the first run, when the last
   * one expired or wore out, or on request (`newCode`; the previous one stops working). A re-run
   * with a code still waiting changes nothing.
   */
  async run(deps: Deps, openids: readonly string[], newCode: boolean): Promise<string[]> {
    if (openids.length) {
      const granted = await grantBootstrapAdmins(deps, openids)
      const already = openids.filter((id) => !granted.includes(id))
      return [
        ...(granted.length ? [`已设为居委会管理员（LOUZU_BOOTSTRAP_ADMINS）：${granted.join('、')}`] : []),
        ...(already.length ? [`已经是居委会管理员：${already.join('、')}`] : []),
      ]
    }
    if (await committeeExists(deps))
      return newCode ? ['已有居委会管理员，不再需要认领码：新的工作人员由管理员在「角色管理」里指定。'] : []
    if (!newCode && (await liveClaimExists(deps)))
      return ['居委会认领码已生成过，仍然有效（24 小时内）。丢失了？加上 --new-claim-code 再运行一次，旧的即作废。']
    const { code, expiresAt } = await createClaimCode(deps)
    const until = new Date(expiresAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
    return [
      '',
      `居委会认领码：${code}`,
      `  有效到 ${until}（24 小时），只能用一次，只显示这一次。`,
      '  请交给第一位居委会工作人员：在小程序「我的 → 居委会认领」输入，即成为居委会管理员。',
      '  过期后再运行一次导入即生成新的；丢失了：加上 --new-claim-code 再运行（旧的作废）。',
    ]
  },
}
