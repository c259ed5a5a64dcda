import { getUser } from '../account/users.repository'
import type { ContentCheckProbe, PingReport } from '../../../contracts'
import type { PublicContext } from '../shared/context'

/** What the content check is asked about: nothing anyone wrote, nothing that could be refused. */
export const PING_TEXT = '楼组一片天自检：今天天气晴，楼道干净。'
/** Stands in when no recent openid is given; WeChat answers "invalid openid" (40003) — which proves the permission. */
export const PING_OPENID = 'louzu-smoke-check'

function errCodeOf(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode
  return typeof code === 'number' ? code : undefined
}

async function probeContentCheck(ctx: PublicContext, openid: string | undefined): Promise<ContentCheckProbe> {
  try {
    const verdict = await ctx.deps.contentCheck.check({
      text: PING_TEXT,
      scene: 'comment',
      openid: openid ?? PING_OPENID,
    })
    return verdict.ok ? { status: 'pass' } : { status: 'rejected' }
  } catch (error) {
    const errCode = errCodeOf(error)
    return {
      status: 'unavailable',
      ...(errCode !== undefined ? { errCode } : {}),
      message: ((error as Error)?.message ?? String(error)).slice(0, 200),
    }
  }
}

/** `ping`: is this function deployed, does its database answer, may it use the content check? */
export async function ping(
  functionName: string,
  ctx: PublicContext,
  input: { contentCheck?: boolean; openid?: string },
): Promise<PingReport> {
  let database: PingReport['database']
  try {
    // A read by id of a document that never exists: proves the database answers, reads nothing.
    await getUser(ctx.deps.store, '__ping__')
    database = { ok: true }
  } catch (error) {
    database = { ok: false, message: ((error as Error)?.message ?? String(error)).slice(0, 200) }
  }
  return {
    function: functionName,
    at: ctx.deps.clock.now(),
    database,
    ...(input.contentCheck ? { contentCheck: await probeContentCheck(ctx, input.openid) } : {}),
  }
}
