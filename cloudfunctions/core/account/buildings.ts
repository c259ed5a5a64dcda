import { JOIN_CODE_GUESS_LIMIT, type EstateView, type JoinPosterView } from '../../../contracts'
import type { RequestContext } from '../shared/context'
import { bumpCounter, countInWindow, windowStartOf } from '../shared/counters'
import { AppError, invalidInput } from '../shared/errors'
import type { Deps } from '../shared/ports'
import type { JoinCodeDoc } from './account.docs'
import { listBuildings as buildingsInOrder, listEstates as estatesInOrder } from './places.repository'
import { holdersOf } from './roles'
import { buildingLabel, requireBuilding, type BuildingWithEstate } from './views'

export const JOIN_CODE_LENGTH = 6

export async function listBuildings({ deps }: RequestContext): Promise<{ estates: EstateView[] }> {
  const [estates, buildings] = await Promise.all([estatesInOrder(deps.store), buildingsInOrder(deps.store)])
  return {
    estates: estates.map((estate) => ({
      estateId: estate._id,
      name: estate.name,
      buildings: buildings
        .filter((b) => b.estateId === estate._id)
        .map((b) => ({
          buildingId: b._id,
          name: b.name,
          estateId: estate._id,
          estateName: estate.name,
          householdCount: b.householdCount,
        })),
    })),
  }
}

export async function currentJoinCode(deps: Pick<Deps, 'store'>, buildingId: string): Promise<JoinCodeDoc | null> {
  return deps.store.get('join_codes', buildingId)
}

export async function joinPoster({ deps }: RequestContext, buildingId: string): Promise<JoinPosterView> {
  const where = await requireBuilding(deps.store, buildingId)
  const code = (await currentJoinCode(deps, buildingId)) ?? (await writeNewJoinCode(deps, buildingId))
  return {
    buildingId,
    buildingName: where.building.name,
    estateName: where.estate.name,
    joinCode: code.code,
    rotatedAt: code.rotatedAt,
  }
}

/**
 * Check a join code someone typed. Wrong codes are counted per building per hour in the store
 * (every function instance sees the same count). At the limit the code is changed and the
 * building's leaders are told — once: only the guess that reaches the limit does it. From then
 * until the hour ends every code attempt for the building is refused, the right one too, so a
 * guesser cannot tell a hit; people can still apply without a code and wait for the leader.
 */
export async function checkJoinCode(
  deps: Pick<Deps, 'store' | 'ids' | 'clock' | 'notifier' | 'log'>,
  where: BuildingWithEstate,
  code: string,
): Promise<void> {
  const buildingId = where.building._id
  const now = deps.clock.now()
  const windowMs = JOIN_CODE_GUESS_LIMIT.windowSeconds * 1000
  const key = { name: 'joinCodeWrong', scope: buildingId, windowMs }
  const [wrongSoFar, current] = await Promise.all([
    countInWindow(deps.store, key, now),
    currentJoinCode(deps, buildingId),
  ])
  if (wrongSoFar >= JOIN_CODE_GUESS_LIMIT.wrongPerHour) {
    const retryAfterSeconds = Math.ceil((windowStartOf(now, windowMs) + windowMs - now) / 1000)
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    throw new AppError(
      'RATE.LIMITED',
      `这个楼组的入楼码最近被试错太多次，请 ${minutes} 分钟后再试，或不填入楼码，等楼组长审核`,
      {
        retryAfterSeconds,
      },
    )
  }
  if (current && sameCode(current.code, code)) return
  const wrong = await bumpCounter(deps.store, key, now)
  if (wrong === JOIN_CODE_GUESS_LIMIT.wrongPerHour) {
    await writeNewJoinCode(deps, buildingId)
    deps.log.warn({ buildingId, wrong }, 'join code guessed: rotated')
    await deps.notifier.notify(await holdersOf(deps.store, 'leader', buildingId), {
      kind: 'joinCodeGuessed',
      title: '入楼码可能被人猜测，已自动更换',
      body: `${buildingLabel(where)}的入楼码一小时内被试错 ${wrong} 次，已换成新码。请打印新的入楼海报贴到大堂。`,
      link: `/packages/leader/pages/poster/index?buildingId=${buildingId}`,
    })
  }
  throw invalidInput('joinCode', '入楼码：不对，请核对大堂海报上的最新入楼码，或不填入楼码等楼组长审核')
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
