import type { RoleGrant } from '../../../contracts'
import type { DocumentStore } from '../shared/document-store'
import {
  ending,
  recordEndings,
  settleEndings,
  type EndingDoc,
  type EndingHandler,
  type EndingWhy,
} from '../shared/endings'
import type { Deps } from '../shared/ports'
import { roleGrantId, type MembershipRef, type UserDoc } from './account.docs'
import { personNow } from './identity'

/**
 * The account's side of endings: the membership and the roles change in the use case's own
 * transaction, with a record of each ending; then `settle` lets every feature answer.
 */

/** Inside the transaction: the roles the person keeps once they no longer belong to `buildingId`, and the endings of the others. */
export async function dropBuildingRoles(
  tx: DocumentStore,
  deps: Pick<Deps, 'ids' | 'clock'>,
  user: Pick<UserDoc, '_id' | 'roles'>,
  buildingId: string,
  why: EndingWhy,
): Promise<{ roles: RoleGrant[]; endings: EndingDoc[] }> {
  const ended = user.roles.filter((r) => r.buildingId === buildingId)
  for (const grant of ended) await tx.delete('role_grants', roleGrantId(user._id, grant))
  return {
    roles: user.roles.filter((r) => r.buildingId !== buildingId),
    endings: ended.map((grant) => ending(deps, { kind: 'role', userId: user._id, buildingId, role: grant.role, why })),
  }
}

/** The ending of a membership that gave something (a verified one). */
export function membershipEnding(
  deps: Pick<Deps, 'ids' | 'clock'>,
  userId: string,
  previous: MembershipRef | null | undefined,
  why: EndingWhy,
): EndingDoc[] {
  if (!previous || previous.status !== 'verified') return []
  return [ending(deps, { kind: 'membership', userId, buildingId: previous.buildingId, why })]
}

export { recordEndings }

/** After the transaction: every feature withdraws what hung on what ended. */
export async function settle(
  deps: Deps,
  handlers: readonly EndingHandler[],
  userId: string,
  endings: readonly EndingDoc[],
): Promise<void> {
  if (!endings.length) return
  await settleEndings(deps, handlers, await personNow(deps.store, userId), endings)
}
