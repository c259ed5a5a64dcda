import { signalPeople } from '../shared/personal-topic'
import { ROLE_NAMES, type Role, type RoleGrant, type StaffView } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import type { DocumentStore } from '../shared/document-store'
import { AppError, notFound } from '../shared/errors'
import { roleGrantId, type RoleGrantDoc, type UserDoc } from './account.docs'
import { displayNames } from './people'
import { recordEndings, settle } from './endings'
import { ending, type EndingHandler } from '../shared/endings'
import { buildingLabel, loadBuilding, requireBuilding, type BuildingWithEstate } from './views'
import { auditEntry, recordAudit } from './committee/audit'

function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return a.role === b.role && (a.buildingId ?? null) === (b.buildingId ?? null)
}

async function requireLiveUser(store: DocumentStore, userId: string): Promise<UserDoc> {
  const user = await store.get('users', userId)
  if (!user || user.deletedAt) throw notFound('没有这个用户')
  return user
}

/** Inside a transaction: give `user` the grant (once) and file it in role_grants. Returns the roles after. */
export async function addGrant(
  tx: DocumentStore,
  user: UserDoc,
  grant: RoleGrant,
  grantedBy: string,
  now: number,
): Promise<RoleGrant[]> {
  if (user.roles.some((r) => sameGrant(r, grant))) return user.roles
  const roles = [...user.roles, grant]
  await tx.update('users', user._id, { set: { roles } })
  const doc: RoleGrantDoc = {
    _id: roleGrantId(user._id, grant),
    userId: user._id,
    role: grant.role,
    buildingId: grant.buildingId ?? null,
    grantedAt: now,
    grantedBy,
  }
  await tx.put('role_grants', doc)
  return roles
}

function grantDetail(grant: RoleGrant, where: BuildingWithEstate | null): string {
  return `${ROLE_NAMES[grant.role]}${where ? `（${buildingLabel(where)}）` : grant.buildingId ? `（${grant.buildingId}）` : ''}`
}

export async function assignRole(ctx: RequestContext, input: { userId: string; role: Role; buildingId?: string }) {
  const { deps, caller } = ctx
  const grant: RoleGrant =
    input.role === 'leader' ? { role: 'leader', buildingId: input.buildingId } : { role: input.role }
  const detail = grantDetail(grant, grant.buildingId ? await requireBuilding(deps.store, grant.buildingId) : null)
  const assigned = await deps.store.transaction(async (tx) => {
    const user = await requireLiveUser(tx, input.userId)
    if (user.roles.some((r) => sameGrant(r, grant))) return { userId: user._id, roles: user.roles }
    const roles = await addGrant(tx, user, grant, caller.userId, deps.clock.now())
    await recordAudit(
      tx,
      auditEntry(deps, { action: 'role.assigned', actorId: caller.userId, subjectId: user._id, detail }),
    )
    return { userId: user._id, roles }
  })
  signalPeople(deps, [assigned.userId], ['roles'])
  return assigned
}

/** The role ends at once (same transaction); what hung on it (streams, watch leases, seats at the building's events) right after. */
export async function revokeRole(
  ctx: RequestContext,
  input: { userId: string; role: Role; buildingId?: string },
  handlers: readonly EndingHandler[],
) {
  const { deps, caller } = ctx
  const grant: RoleGrant = input.buildingId ? { role: input.role, buildingId: input.buildingId } : { role: input.role }
  if (input.userId === caller.userId && input.role === 'admin') {
    throw new AppError('CONFLICT', '不能撤销自己的居委会权限，请让另一位工作人员操作')
  }
  const detail = grantDetail(grant, grant.buildingId ? await loadBuilding(deps.store, grant.buildingId) : null)
  const result = await deps.store.transaction(async (tx) => {
    const user = await requireLiveUser(tx, input.userId)
    const roles = user.roles.filter((r) => !sameGrant(r, grant))
    if (roles.length === user.roles.length) throw notFound('该用户没有这个角色')
    await tx.update('users', user._id, { set: { roles: roles } })
    await tx.delete('role_grants', roleGrantId(user._id, grant))
    const ended = [
      ending(deps, {
        kind: 'role',
        userId: user._id,
        buildingId: grant.buildingId ?? null,
        role: grant.role,
        why: 'revoked',
      }),
    ]
    await recordEndings(tx, ended)
    await recordAudit(
      tx,
      auditEntry(deps, { action: 'role.revoked', actorId: caller.userId, subjectId: user._id, detail }),
    )
    return { userId: user._id, roles, ended }
  })
  await settle(deps, handlers, result.userId, result.ended)
  return { userId: result.userId, roles: result.roles }
}

/** Who holds a role, e.g. the leaders of a building, to notify them. */
export async function holdersOf(store: DocumentStore, role: Role, buildingId?: string): Promise<string[]> {
  const grants = await store.find('role_grants', { role, ...(buildingId ? { buildingId } : {}) }, { limit: 1000 })
  return [...new Set(grants.map((g) => g.userId))]
}

/**
 * Everyone holding a role, by role and then by building in the neighbourhood's own order (estate,
 * then building number: 1, 2, … 10 — not the text order of their ids). Buildings and estates are
 * read once each, in two batches.
 */
export async function listStaff({ deps }: RequestContext): Promise<{ staff: StaffView[] }> {
  const { store } = deps
  const grants = await store.find('role_grants', {}, { orderBy: [['role', 'asc']], limit: 1000 })
  const buildingIds = [...new Set(grants.flatMap((g) => (g.buildingId ? [g.buildingId] : [])))]
  const [names, buildings] = await Promise.all([
    displayNames(
      store,
      grants.map((g) => g.userId),
    ),
    store.getMany('buildings', buildingIds),
  ])
  const estates = await store.getMany('estates', [...new Set(buildings.map((b) => b.estateId))])
  const estateById = new Map(estates.map((e) => [e._id, e]))
  const where = new Map<string, BuildingWithEstate>()
  for (const building of buildings) {
    const estate = estateById.get(building.estateId)
    if (estate) where.set(building._id, { building, estate })
  }
  const place = (grant: RoleGrantDoc) => (grant.buildingId ? where.get(grant.buildingId) : undefined)
  const byPlace = (a: RoleGrantDoc, b: RoleGrantDoc): number => {
    const pa = place(a)
    const pb = place(b)
    if (!pa || !pb) return (pa ? 1 : 0) - (pb ? 1 : 0)
    return (
      pa.estate.order - pb.estate.order ||
      pa.building.order - pb.building.order ||
      pa.building.name.localeCompare(pb.building.name, 'zh-CN', { numeric: true })
    )
  }
  const ordered = [...grants].sort((a, b) => a.role.localeCompare(b.role) || byPlace(a, b))
  const staff: StaffView[] = ordered.map((grant) => {
    const at = place(grant)
    return {
      userId: grant.userId,
      nickname: names.get(grant.userId) ?? '',
      role: grant.role,
      ...(grant.buildingId ? { buildingId: grant.buildingId } : {}),
      ...(at ? { buildingName: buildingLabel(at) } : {}),
    }
  })
  return { staff }
}
