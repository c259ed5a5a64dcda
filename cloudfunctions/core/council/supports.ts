import type { RequestContext } from '../shared/context'
import { AppError, forbidden, notFound } from '../shared/errors'
import type { DocumentStore } from '../shared/document-store'
import { maySeeBuilding, votingHouseholdOf } from './access'
import { supportId } from './council.docs'

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
    if (existing) throw new AppError('COUNCIL.ALREADY_SUPPORTED')
    if (!fresh) throw notFound('这个议题不存在')
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
