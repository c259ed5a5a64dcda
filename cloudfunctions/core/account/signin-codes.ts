/**
 * One-time sign-in codes, for a real deployment of the local runtime (in WeChat the platform says
 * who is calling, so these are never needed there). The operator prints one on the console
 * (`npm run signin-code -- <name or openid>`) or the committee makes one on its page; the person
 * types it on the login page and gets a session.
 *
 *   created ──typed on the login page──▶ spent (deleted): a session token for that account
 *      └── 3 days pass ──▶ dead
 *
 * Stored only as a hash (the id is the hash, so redeeming is one read by id). Wrong codes are
 * counted per hour for the whole server, in the store: past MAX_FAILURES_PER_HOUR every sign-in
 * by code waits for the next hour, so guessing 8 digits stays hopeless.
 */
import type { Doc } from '../shared/document-store'
import { DuplicateKeyError } from '../shared/document-store'
import { AppError } from '../shared/errors'
import type { Deps } from '../shared/ports'
import type { UserDoc } from './account.docs'
import { groupDigits, hashCode, typedDigits } from './committee/secret-code'
import { findOrCreateUser } from './identity'
import type { RequestContext } from '../shared/context'
import { auditEntry, recordAudit } from './committee/audit'

export interface SignInCodeDoc extends Doc {
  /** _id is the code's hash. */
  userId: string
  createdAt: number
  expiresAt: number
  /** The committee member who made it, or `console` for the operator's script. */
  createdBy: string
}

export interface SignInFailuresDoc extends Doc {
  /** _id: the hour, `h<epoch hours>` */
  count: number
}

export const SIGN_IN_CODE_DIGITS = 8
export const SIGN_IN_CODE_TTL_MS = 3 * 24 * 3600 * 1000
export const MAX_FAILURES_PER_HOUR = 100
const PURPOSE = 'sign-in'
const HOUR = 3600_000

export async function createSignInCode(
  deps: Pick<Deps, 'store' | 'ids' | 'clock'>,
  input: { userId: string; createdBy: string },
): Promise<{ code: string; expiresAt: number }> {
  const now = deps.clock.now()
  for (;;) {
    const code = deps.ids.digits(SIGN_IN_CODE_DIGITS)
    const doc: SignInCodeDoc = {
      _id: await hashCode(PURPOSE, code),
      userId: input.userId,
      createdAt: now,
      expiresAt: now + SIGN_IN_CODE_TTL_MS,
      createdBy: input.createdBy,
    }
    try {
      await deps.store.insert('signin_codes', doc)
      return { code: groupDigits(code), expiresAt: doc.expiresAt }
    } catch (error) {
      // The same 8 digits are live for someone else: draw again.
      if (!(error instanceof DuplicateKeyError)) throw error
    }
  }
}

/** The account a typed code signs in as; the code is spent. */
export async function redeemSignInCode(deps: Pick<Deps, 'store' | 'clock'>, typed: string): Promise<UserDoc> {
  const now = deps.clock.now()
  const bucket = `h${Math.floor(now / HOUR)}`
  const failures = await deps.store.get('signin_failures', bucket)
  if ((failures?.count ?? 0) >= MAX_FAILURES_PER_HOUR)
    throw new AppError('RATE.LIMITED', '登录码输错的次数太多，请一小时后再试')
  const digits = typedDigits(typed)
  const id = /^\d{8}$/.test(digits) ? await hashCode(PURPOSE, digits) : null
  const user = id
    ? await deps.store.transaction(async (tx) => {
        const code = await tx.get('signin_codes', id)
        if (!code) return null
        await tx.delete('signin_codes', id)
        if (code.expiresAt <= now) return null
        const account = await tx.get('users', code.userId)
        return account && !account.deletedAt ? account : null
      })
    : null
  if (user) return user
  await countFailure(deps, bucket)
  throw new AppError('AUTH.SIGNIN_CODE_INVALID')
}

async function countFailure(deps: Pick<Deps, 'store'>, bucket: string): Promise<void> {
  const updated = await deps.store.update('signin_failures', bucket, { inc: { count: 1 } })
  if (updated) return
  try {
    await deps.store.insert('signin_failures', { _id: bucket, count: 1 })
  } catch (error) {
    if (!(error instanceof DuplicateKeyError)) throw error
    await deps.store.update('signin_failures', bucket, { inc: { count: 1 } })
  }
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

export type SignInCodeFor =
  { ok: true; user: UserDoc; created: boolean; code: string; expiresAt: number } | { ok: false; sameName: UserDoc[] }

/**
 * A code for the account with this openid, or else the one live account with this nickname; a
 * name nobody has makes a new account with it (an id-like word, that openid). Several accounts
 * with the name: none is chosen, they are returned to be told apart by openid.
 */
export async function signInCodeFor(
  deps: Pick<Deps, 'store' | 'ids' | 'clock'>,
  who: string,
  createdBy: string,
): Promise<SignInCodeFor> {
  if (!OPENID.test(who) && who.length > 20)
    throw new AppError('INPUT.INVALID', '称呼最多 20 个字（openid 只含字母、数字、- 和 _）', { field: 'who' })
  const [byOpenid] = OPENID.test(who) ? await deps.store.find('users', { openid: who }, { limit: 1 }) : []
  const byName = byOpenid
    ? []
    : (await deps.store.find('users', { nickname: who }, { limit: 10 })).filter((u) => !u.deletedAt)
  if (byName.length > 1) return { ok: false, sameName: byName }
  let user = byOpenid ?? byName[0]
  const created = !user
  // A name becomes a new account; an id-like word becomes that openid.
  if (!user)
    user = OPENID.test(who)
      ? await findOrCreateUser(deps, who)
      : await findOrCreateUser(deps, deps.ids.next('local'), who)
  if (user.deletedAt) throw new AppError('ACCOUNT.DELETED')
  const { code, expiresAt } = await createSignInCode(deps, { userId: user._id, createdBy })
  return { ok: true, user, created, code, expiresAt }
}

/** The committee makes a code on its page (a real local deployment: in WeChat nobody needs one). */
export async function createSignInCodeByCommittee(
  ctx: RequestContext,
  input: { who: string },
): Promise<{ nickname: string; created: boolean; code: string; expiresAt: number }> {
  const result = await signInCodeFor(ctx.deps, input.who, ctx.caller.userId)
  if (!result.ok)
    throw new AppError(
      'CONFLICT',
      `有 ${result.sameName.length} 个账号叫「${input.who}」，请在电脑上用 npm run signin-code 按 openid 生成`,
    )
  await recordAudit(
    ctx.deps.store,
    auditEntry(ctx.deps, {
      action: 'signin.codeCreated',
      actorId: ctx.caller.userId,
      subjectId: result.user._id,
      detail: result.created ? '新账号的登录码' : '登录码',
    }),
  )
  return { nickname: result.user.nickname, created: result.created, code: result.code, expiresAt: result.expiresAt }
}
