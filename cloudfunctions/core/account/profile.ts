import type { MeView } from '../../../contracts'
import { PRIVACY_NOTICE_VERSION } from '../../../contracts'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { AppError } from '../shared/errors'
import type { PersonalDataSection } from '../shared/personal-data'
import { DELETED_USER_NAME, type MembershipDoc, type UserDoc } from './account.docs'
import { meView } from './views'

async function currentUser({ caller, deps }: RequestContext): Promise<UserDoc> {
  const user = await deps.store.get<UserDoc>('users', caller.userId)
  if (!user || user.deletedAt) throw new AppError('AUTH.UNAUTHENTICATED')
  return user
}

export async function getMe(ctx: RequestContext): Promise<MeView> {
  return meView(ctx.deps.store, await currentUser(ctx))
}

export async function acceptPrivacy(ctx: RequestContext): Promise<MeView> {
  const { deps, caller } = ctx
  await deps.store.update('users', caller.userId, {
    set: { privacyAcceptedVersion: PRIVACY_NOTICE_VERSION, privacyAcceptedAt: deps.clock.now() },
  })
  return getMe(ctx)
}

export async function updateProfile(
  ctx: RequestContext,
  input: { nickname: string; avatarUrl?: string; largeText?: boolean },
): Promise<MeView> {
  const { deps, caller } = ctx
  await ensureAcceptableText(deps, [input.nickname], 'profile', caller.openid)
  await deps.store.update('users', caller.userId, {
    set: {
      nickname: input.nickname,
      ...(input.avatarUrl !== undefined ? { avatarUrl: input.avatarUrl } : {}),
      ...(input.largeText !== undefined ? { largeText: input.largeText } : {}),
    },
  })
  return getMe(ctx)
}

/** The account's own part: profile and building applications. Erased last. */
export const accountPersonalData: PersonalDataSection = {
  name: 'account',
  async export(deps, userId) {
    const user = await deps.store.get<UserDoc>('users', userId)
    const memberships = await deps.store.find<MembershipDoc>('memberships', { userId }, { orderBy: [['createdAt', 'desc']], limit: 1000 })
    return {
      profile: user && {
        userId: user._id,
        nickname: user.nickname,
        avatarUrl: user.avatarUrl ?? null,
        largeText: user.largeText,
        roles: user.roles,
        privacyAcceptedVersion: user.privacyAcceptedVersion,
        privacyAcceptedAt: user.privacyAcceptedAt ?? null,
        createdAt: user.createdAt,
      },
      memberships: memberships.map((m) => ({
        buildingId: m.buildingId,
        room: m.room,
        status: m.status,
        appliedAt: m.createdAt,
        reviewedAt: m.reviewedAt ?? null,
        reason: m.reason ?? null,
      })),
    }
  },
  async erase(deps, userId) {
    await deps.store.deleteWhere('memberships', { userId })
    // Role grants are how leaders are found (to notify, to list staff); a deleted account holds none.
    await deps.store.deleteWhere('role_grants', { userId })
    // The account stays as a tombstone so shared content can say 已注销用户; nothing personal remains.
    // The openid is released, so the same WeChat user starts afresh if they return.
    await deps.store.update('users', userId, {
      set: {
        openid: `deleted:${userId}`,
        nickname: DELETED_USER_NAME,
        largeText: false,
        roles: [],
        membership: null,
        privacyAcceptedVersion: null,
        deletedAt: deps.clock.now(),
      },
      unset: ['avatarUrl', 'privacyAcceptedAt'],
    })
  },
}

export async function exportMyData(ctx: RequestContext, sections: readonly PersonalDataSection[]) {
  const data: Record<string, unknown> = {}
  for (const section of sections) data[section.name] = await section.export(ctx.deps, ctx.caller.userId)
  return { exportedAt: ctx.deps.clock.now(), data }
}

export async function deleteMe(ctx: RequestContext, sections: readonly PersonalDataSection[]): Promise<{ deleted: true }> {
  const ordered = [...sections.filter((s) => s !== accountPersonalData), accountPersonalData]
  for (const section of ordered) await section.erase(ctx.deps, ctx.caller.userId)
  ctx.deps.log.info({ requestId: ctx.requestId, userId: ctx.caller.userId }, 'account deleted')
  return { deleted: true }
}
