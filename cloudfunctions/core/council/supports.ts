import type { RequestContext } from '../shared/context'
import { AppError, forbidden, invalidInput, notFound } from '../shared/errors'
import type { DocumentStore } from '../shared/document-store'
import { mayManageBuilding, maySeeBuilding, votingHouseholdOf } from './access'
import { supportId, type SupportDoc } from './council.docs'

/**
 * +1 (附议): any verified member of a household of the matter's building says it for the
 * household, once. The support and the matter's count move together in one transaction, so the
 * count the list shows (and sorts by) always equals the supports stored.
 */
export async function supportMatter(
  ctx: RequestContext,
  input: { matterId: string },
): Promise<{ matterId: string; supportCount: number }> {
  const { deps, caller } = ctx
  const matter = await deps.store.get('council_matters', input.matterId)
  if (!matter || !maySeeBuilding(caller, matter.buildingId)) throw notFound('这个议题不存在')
  const household = votingHouseholdOf(caller, matter.buildingId)
  if (!household) throw forbidden('只有本楼已认证的住户可以附议')
  const id = supportId(matter._id, household.householdId)
  const supportCount = await deps.store.transaction(async (tx) => {
    const [existing, fresh] = await Promise.all([tx.get('council_supports', id), tx.get('council_matters', matter._id)])
    if (!fresh) throw notFound('这个议题不存在')
    // A merged duplicate points to the survivor first: that is where a +1 belongs now.
    if (fresh.status === 'merged') throw new AppError('COUNCIL.MATTER_MERGED')
    if (fresh.status === 'decided') throw new AppError('COUNCIL.MATTER_DECIDED')
    if (existing) throw new AppError('COUNCIL.ALREADY_SUPPORTED')
    await tx.insert('council_supports', {
      _id: id,
      matterId: matter._id,
      buildingId: matter.buildingId,
      householdId: household.householdId,
      supportedBy: caller.userId,
      supportedAt: deps.clock.now(),
    })
    await tx.update('council_matters', matter._id, { inc: { supportCount: 1 } })
    return (fresh.supportCount ?? 0) + 1
  })
  deps.log.info({ requestId: ctx.requestId, matterId: matter._id }, 'matter supported')
  return { matterId: matter._id, supportCount }
}

/** Which of these matters the household has said +1 to: one query for the whole list. */
export async function supportedByHousehold(
  store: DocumentStore,
  householdId: string | null,
  matterIds: string[],
): Promise<Set<string>> {
  if (!householdId || !matterIds.length) return new Set()
  const found = await store.find('council_supports', { householdId, matterId: { $in: matterIds } }, { limit: 1000 })
  return new Set(found.map((s) => s.matterId))
}

/**
 * 合并: the leader folds a duplicate (still 待议) into another matter of the same building. The
 * duplicate closes with a link to the survivor; each household that said +1 to it counts on the
 * survivor once (a household that supported both still counts once).
 */
export async function mergeMatter(
  ctx: RequestContext,
  input: { matterId: string; intoMatterId: string },
): Promise<{ matterId: string; intoMatterId: string; supportCount: number }> {
  const { deps, caller } = ctx
  if (input.matterId === input.intoMatterId) throw invalidInput('intoMatterId', '不能合并到它自己')
  const [duplicate, survivor] = await Promise.all([
    deps.store.get('council_matters', input.matterId),
    deps.store.get('council_matters', input.intoMatterId),
  ])
  if (!duplicate || !maySeeBuilding(caller, duplicate.buildingId)) throw notFound('这个议题不存在')
  if (!mayManageBuilding(caller, duplicate.buildingId)) throw forbidden('只有本楼的楼组长可以合并议题')
  if (!survivor || survivor.buildingId !== duplicate.buildingId)
    throw invalidInput('intoMatterId', '只能合并到本楼的另一个议题')
  if (survivor.status === 'merged') throw invalidInput('intoMatterId', '那个议题已经合并到别处了，请选它合并到的议题')
  if (duplicate.status !== 'open' || duplicate.charterVersionId) throw new AppError('COUNCIL.MATTER_NOT_OPEN')
  const now = deps.clock.now()
  // The duplicate's status is the lock: from here no vote opens on it and no new +1 lands on it.
  const claimed = await deps.store.updateWhere(
    'council_matters',
    { _id: duplicate._id, status: 'open' },
    { set: { status: 'merged', mergedInto: survivor._id, mergedBy: caller.userId, mergedAt: now } },
  )
  if (!claimed) throw new AppError('COUNCIL.MATTER_NOT_OPEN')
  try {
    const supports = await deps.store.find('council_supports', { matterId: duplicate._id }, { limit: 1000 })
    const supportCount = await deps.store.transaction(async (tx) => {
      const [fresh, already] = await Promise.all([
        tx.get('council_matters', survivor._id),
        tx.getMany(
          'council_supports',
          supports.map((s) => supportId(survivor._id, s.householdId)),
        ),
      ])
      if (!fresh || fresh.status === 'merged') throw invalidInput('intoMatterId', '那个议题已经合并到别处了')
      const counted = new Set(already.map((s) => s.householdId))
      const moved: SupportDoc[] = supports
        .filter((s) => !counted.has(s.householdId))
        .map((s) => ({ ...s, _id: supportId(survivor._id, s.householdId), matterId: survivor._id }))
      if (moved.length) {
        await tx.insertMany('council_supports', moved)
        await tx.update('council_matters', survivor._id, { inc: { supportCount: moved.length } })
      }
      return (fresh.supportCount ?? 0) + moved.length
    })
    deps.log.info({ requestId: ctx.requestId, matterId: duplicate._id, intoMatterId: survivor._id }, 'matter merged')
    return { matterId: duplicate._id, intoMatterId: survivor._id, supportCount }
  } catch (error) {
    // Nothing moved: the duplicate opens again, so the leader can retry.
    await deps.store.update('council_matters', duplicate._id, {
      set: { status: 'open' },
      unset: ['mergedInto', 'mergedBy', 'mergedAt'],
    })
    throw error
  }
}
