import { AppError } from '../shared/errors'
import type { Caller } from '../shared/caller'
import { DuplicateKeyError, type DocumentStore } from '../shared/document-store'
import type { Deps } from '../shared/ports'
import { CALLER_ACCOUNT, type RequestLoads } from '../shared/request-loads'
import type { UserDoc } from './account.docs'

/** Who the platform says is calling: an OPENID (CloudBase) or a local session token's claims. */
export interface Identity {
  openid: string
  /** Present when the transport already knows the account (local tokens carry it). */
  userId?: string
  /** Until when the transport vouches for it, epoch ms (a local token's expiry); absent in WeChat, which vouches call by call. */
  expiresAt?: number
}

export const NEW_USER_NICKNAME = '新邻居'

export function callerFromUser(user: UserDoc): Caller {
  return {
    userId: user._id,
    openid: user.openid,
    nickname: user.nickname,
    roles: user.roles,
    membership: user.membership,
  }
}

/** The account for an openid, created on first contact (a WeChat user opening the app is a user). */
export async function findOrCreateUser(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  openid: string,
  nickname?: string,
): Promise<UserDoc> {
  const [existing] = await deps.store.find('users', { openid }, { limit: 1 })
  if (existing) return existing
  const user: UserDoc = {
    _id: deps.ids.next('u'),
    openid,
    nickname: nickname ?? NEW_USER_NICKNAME,
    largeText: false,
    roles: [],
    membership: null,
    privacyAcceptedVersion: null,
    createdAt: deps.clock.now(),
  }
  try {
    await deps.store.insert('users', user)
    return user
  } catch (error) {
    // Two first calls raced; the other one created the account.
    if (!(error instanceof DuplicateKeyError)) throw error
    const [winner] = await deps.store.find('users', { openid }, { limit: 1 })
    if (!winner) throw error
    return winner
  }
}

/** Load the caller for a request. A token for a deleted or replaced account is refused. */
export async function resolveCaller(
  deps: Pick<Deps, 'store' | 'clock' | 'ids'>,
  identity: Identity,
  loaded?: RequestLoads,
): Promise<Caller> {
  const user = await callerAccount(deps, identity)
  loaded?.remember(CALLER_ACCOUNT, user._id, user)
  return callerFromUser(user)
}

async function callerAccount(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, identity: Identity): Promise<UserDoc> {
  if (identity.userId) {
    const user = await deps.store.get('users', identity.userId)
    // Deleted first: erasing an account also releases its openid, and the old token should say why it stopped working.
    if (user?.deletedAt) throw new AppError('ACCOUNT.DELETED')
    if (!user || user.openid !== identity.openid) throw new AppError('AUTH.UNAUTHENTICATED', '登录已失效，请重新登录')
    return user
  }
  return findOrCreateUser(deps, identity.openid)
}

/** A person as the database knows them now, for settling what ended; a deleted or missing account has no membership and no role. */
export async function personNow(store: DocumentStore, userId: string): Promise<Caller> {
  const user = await store.get('users', userId)
  if (!user || user.deletedAt) return { userId, openid: user?.openid ?? '', nickname: '', roles: [], membership: null }
  return callerFromUser(user)
}
