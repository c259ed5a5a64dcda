import type { EstateView, JoinPosterView } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import type { Deps } from '../shared/ports'
import type { BuildingDoc, EstateDoc, JoinCodeDoc } from './account.docs'
import { requireBuilding } from './views'

export const JOIN_CODE_LENGTH = 6

export async function listBuildings({ deps }: RequestContext): Promise<{ estates: EstateView[] }> {
  const [estates, buildings] = await Promise.all([
    deps.store.find<EstateDoc>('estates', {}, { orderBy: [['order', 'asc']], limit: 1000 }),
    deps.store.find<BuildingDoc>('buildings', {}, { orderBy: [['estateId', 'asc'], ['order', 'asc']], limit: 1000 }),
  ])
  return {
    estates: estates.map((estate) => ({
      estateId: estate._id,
      name: estate.name,
      buildings: buildings
        .filter((b) => b.estateId === estate._id)
        .map((b) => ({ buildingId: b._id, name: b.name, estateId: estate._id, estateName: estate.name, householdCount: b.householdCount })),
    })),
  }
}

export async function currentJoinCode(deps: Pick<Deps, 'store'>, buildingId: string): Promise<JoinCodeDoc | null> {
  return deps.store.get<JoinCodeDoc>('join_codes', buildingId)
}

export async function joinPoster({ deps }: RequestContext, buildingId: string): Promise<JoinPosterView> {
  const where = await requireBuilding(deps.store, buildingId)
  const code = (await currentJoinCode(deps, buildingId)) ?? (await writeNewJoinCode(deps, buildingId))
  return { buildingId, buildingName: where.building.name, estateName: where.estate.name, joinCode: code.code, rotatedAt: code.rotatedAt }
}

async function writeNewJoinCode(deps: Pick<Deps, 'store' | 'ids' | 'clock'>, buildingId: string): Promise<JoinCodeDoc> {
  const previous = await currentJoinCode(deps, buildingId)
  let code = deps.ids.digits(JOIN_CODE_LENGTH)
  // A rotation must change the code, or the old poster would keep working.
  while (previous && code === previous.code) code = deps.ids.digits(JOIN_CODE_LENGTH)
  const doc: JoinCodeDoc = { _id: buildingId, code, rotatedAt: deps.clock.now() }
  await deps.store.put('join_codes', doc)
  return doc
}

export async function rotateJoinCode(ctx: RequestContext, buildingId: string): Promise<JoinPosterView> {
  await requireBuilding(ctx.deps.store, buildingId)
  await writeNewJoinCode(ctx.deps, buildingId)
  ctx.deps.log.info({ requestId: ctx.requestId, buildingId, by: ctx.caller.userId }, 'join code rotated')
  return joinPoster(ctx, buildingId)
}

/** Constant-time comparison, so response timing does not reveal how many digits were right. */
export function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
