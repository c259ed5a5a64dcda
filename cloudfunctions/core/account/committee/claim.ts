/**
 * The first committee member. A new environment has no admin, and only an admin can appoint one,
 * so the operator's bootstrap script opens the way in one of two ways:
 *
 *   bootstrap ──createClaimCode──▶ claim code printed once (12 digits, 24 h, stored hashed)
 *       staff member, signed in, types it on 居委会认领 ──claimCommittee──▶ admin; the code is spent
 *   bootstrap with LOUZU_BOOTSTRAP_ADMINS=<openid,…> ──grantBootstrapAdmins──▶ those accounts are admins
 *
 * Both are written to the audit log. A wrong code counts against the code itself (in the store,
 * so every container sees the count): after MAX_CLAIM_FAILURES it is dead, and the operator runs
 * the bootstrap again for a new one.
 */
import type { RequestContext, PublicContext } from '../../shared/context'
import type { Doc } from '../../shared/document-store'
import { AppError } from '../../shared/errors'
import type { Deps } from '../../shared/ports'
import type { MeView } from '../../../../contracts'
import { findOrCreateUser } from '../identity'
import { getMe } from '../profile'
import { addGrant } from '../roles'
import { auditEntry, recordAudit } from './audit'
import { groupDigits, hashCode, typedDigits } from './secret-code'

export interface CommitteeClaimDoc extends Doc {
  /** Always `committee`: one claim code at a time. */
  codeHash: string
  createdAt: number
  expiresAt: number
  failedAttempts: number
  usedAt?: number
  usedBy?: string
}

export const CLAIM_ID = 'committee'
export const CLAIM_CODE_DIGITS = 12
export const CLAIM_TTL_MS = 24 * 3600 * 1000
export const MAX_CLAIM_FAILURES = 10
const PURPOSE = 'committee-claim'

/** Whether anyone holds the committee role (then no claim code is needed). */
export async function committeeExists(deps: Pick<Deps, 'store'>): Promise<boolean> {
  return (await deps.store.count('role_grants', { role: 'admin' })) > 0
}

/** Whether a claim code is still waiting to be typed (unused, within its 24 h, not worn out by wrong tries). */
export async function liveClaimExists(deps: Pick<Deps, 'store' | 'clock'>): Promise<boolean> {
  const claim = await deps.store.get('committee_claims', CLAIM_ID)
  return (
    !!claim &&
    claim.usedAt === undefined &&
    claim.expiresAt > deps.clock.now() &&
    claim.failedAttempts < MAX_CLAIM_FAILURES
  )
}

/** A fresh claim code (any earlier one stops working); the plain code is returned once, never stored. */
export async function createClaimCode(
  deps: Pick<Deps, 'store' | 'ids' | 'clock'>,
): Promise<{ code: string; expiresAt: number }> {
  const code = deps.ids.digits(CLAIM_CODE_DIGITS)
  const now = deps.clock.now()
  const doc: CommitteeClaimDoc = {
    _id: CLAIM_ID,
    codeHash: await hashCode(PURPOSE, code),
    createdAt: now,
    expiresAt: now + CLAIM_TTL_MS,
    failedAttempts: 0,
  }
  await deps.store.put('committee_claims', doc)
  return { code: groupDigits(code), expiresAt: doc.expiresAt }
}

type Verdict = 'claimed' | 'wrong' | 'dead'

export async function claimCommittee(ctx: RequestContext, input: { code: string }): Promise<MeView> {
  const { deps, caller } = ctx
  const typed = await hashCode(PURPOSE, typedDigits(input.code))
  const verdict = await deps.store.transaction<Verdict>(async (tx) => {
    const claim = await tx.get('committee_claims', CLAIM_ID)
    const now = deps.clock.now()
    if (!claim || claim.usedAt !== undefined || claim.expiresAt <= now || claim.failedAttempts >= MAX_CLAIM_FAILURES)
      return 'dead'
    if (claim.codeHash !== typed) {
      await tx.update('committee_claims', CLAIM_ID, { inc: { failedAttempts: 1 } })
      return 'wrong'
    }
    const user = await tx.get('users', caller.userId)
    if (!user || user.deletedAt) return 'dead'
    await tx.update('committee_claims', CLAIM_ID, { set: { usedAt: now, usedBy: user._id } })
    await addGrant(tx, user, { role: 'admin' }, user._id, now)
    await recordAudit(
      tx,
      auditEntry(deps, {
        action: 'committee.claimed',
        actorId: user._id,
        subjectId: user._id,
        detail: '用认领码成为居委会管理员',
      }),
    )
    return 'claimed'
  })
  if (verdict === 'wrong') throw new AppError('ACCOUNT.CLAIM_INVALID')
  if (verdict === 'dead') throw new AppError('ACCOUNT.CLAIM_EXPIRED')
  deps.log.info({ requestId: ctx.requestId, userId: caller.userId }, 'committee claimed')
  return getMe(ctx)
}

/** LOUZU_BOOTSTRAP_ADMINS: these openids (WeChat's, or a local account's) hold the committee role. Returns those newly granted. */
export async function grantBootstrapAdmins(
  deps: Pick<Deps, 'store' | 'ids' | 'clock'>,
  openids: readonly string[],
): Promise<string[]> {
  const granted: string[] = []
  for (const openid of openids) {
    const account = await findOrCreateUser(deps, openid)
    if (account.deletedAt) continue
    const added = await deps.store.transaction(async (tx) => {
      const user = await tx.get('users', account._id)
      if (!user || user.roles.some((r) => r.role === 'admin')) return false
      await addGrant(tx, user, { role: 'admin' }, 'bootstrap', deps.clock.now())
      await recordAudit(
        tx,
        auditEntry(deps, {
          action: 'committee.bootstrapAdmin',
          actorId: 'bootstrap',
          subjectId: user._id,
          detail: `由 LOUZU_BOOTSTRAP_ADMINS 设为居委会管理员（${openid}）`,
        }),
      )
      return true
    })
    if (added) granted.push(openid)
  }
  return granted
}

/** What a first visit needs to know, before anyone signs in: is there a neighbourhood yet, a committee? */
export async function setupStatus({
  deps,
}: PublicContext): Promise<{ neighbourhoodLoaded: boolean; committeeClaimed: boolean }> {
  const [estates, admins] = await Promise.all([
    deps.store.count('estates', {}),
    deps.store.count('role_grants', { role: 'admin' }),
  ])
  return { neighbourhoodLoaded: estates > 0, committeeClaimed: admins > 0 }
}
