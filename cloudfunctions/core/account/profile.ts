import type { MeView } from '../../../contracts'
import { PRIVACY_NOTICE_VERSION } from '../../../contracts'
import { ensureNotStaffName } from './staff-names'
import { ensureAcceptableText } from '../shared/content'
import type { RequestContext } from '../shared/context'
import { AppError } from '../shared/errors'
import type { CollectionSpec } from '../shared/collections'
import { ending, type EndingHandler } from '../shared/endings'
import { erasePersonalData, exportPersonalData } from '../shared/personal-data'
import { myPhotoFiles } from '../chat/media'
import { roleGrantId, type UserDoc } from './account.docs'
import { recordEndings, settle } from './endings'
import { meView } from './views'
import { CALLER_ACCOUNT } from '../shared/request-loads'

async function currentUser({ caller, deps }: RequestContext): Promise<UserDoc> {
  const user = await deps.store.get('users', caller.userId)
  if (!user || user.deletedAt) throw new AppError('AUTH.UNAUTHENTICATED')
  return user
}

/** The caller's profile as stored now (after a change of theirs, read again). */
export async function getMe(ctx: RequestContext): Promise<MeView> {
  return meView(ctx.deps.store, await currentUser(ctx))
}

/** The caller's profile, from the account the router loaded to identify them moments ago. */
export async function me(ctx: RequestContext): Promise<MeView> {
  const loaded = ctx.loaded?.recall(CALLER_ACCOUNT, ctx.caller.userId)
  return loaded && !loaded.deletedAt ? meView(ctx.deps.store, loaded) : getMe(ctx)
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
  await ensureNotStaffName(deps.store, caller.userId, input.nickname, 'nickname', caller.nickname)
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

export async function exportMyData(ctx: RequestContext, collections: readonly CollectionSpec[]) {
  return {
    exportedAt: ctx.deps.clock.now(),
    data: await exportPersonalData(ctx.deps, collections, ctx.caller.userId),
    files: {
      photos: await myPhotoFiles(ctx.deps, ctx.caller.userId, 'image'),
      voices: await myPhotoFiles(ctx.deps, ctx.caller.userId, 'voice'),
    },
  }
}

/**
 * 注销账号. First the account ends like any membership and role, in one transaction, and every
 * feature answers that ending (seats handed on, help re-opened, groups left, streams closed);
 * then every collection's erasure rules run; then the storage forgets what was deleted.
 */
export async function deleteMe(
  ctx: RequestContext,
  collections: readonly CollectionSpec[],
  handlers: readonly EndingHandler[],
): Promise<{ deleted: true }> {
  const { deps, caller } = ctx
  const endings = await deps.store.transaction(async (tx) => {
    const user = await tx.get('users', caller.userId)
    if (!user || user.deletedAt) throw new AppError('AUTH.UNAUTHENTICATED')
    const previous = user.membership
    if (previous && (previous.status === 'verified' || previous.status === 'pending')) {
      await tx.update('memberships', previous.membershipId, { set: { status: 'ended', endedAt: deps.clock.now() } })
    }
    for (const grant of user.roles) await tx.delete('role_grants', roleGrantId(user._id, grant))
    await tx.update('users', user._id, { set: { roles: [], membership: null } })
    const ended = [
      ending(deps, { kind: 'membership', userId: user._id, buildingId: previous?.buildingId ?? null, why: 'erased' }),
      ...user.roles.map((grant) =>
        ending(deps, {
          kind: 'role',
          userId: user._id,
          buildingId: grant.buildingId ?? null,
          role: grant.role,
          why: 'erased',
        }),
      ),
    ]
    await recordEndings(tx, ended)
    return ended
  })
  await settle(deps, handlers, caller.userId, endings)
  await erasePersonalData(deps, collections, caller.userId)
  await deps.purge?.purge()
  deps.log.info({ requestId: ctx.requestId, userId: caller.userId }, 'account deleted')
  return { deleted: true }
}
