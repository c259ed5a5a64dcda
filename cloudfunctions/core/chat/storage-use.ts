import { findGroupsOfKind, getGroups } from '../groups/groups.repository'
import type { MediaStorageUse, StorageUseRow } from '../../../contracts'
import type { RequestContext } from '../shared/context'

const PAGE = 1000
const DAY_MS = 24 * 60 * 60 * 1000

function emptyRow(groupId: string, name: string, buildingId: string | null): StorageUseRow {
  return { groupId, name, buildingId, photos: 0, voices: 0, bytes: 0, last30DaysBytes: 0 }
}

/**
 * 存储用量 for the committee: the photos and voice files held now, per building group (interest
 * groups together), with what the last 30 days added, from the bytes each message records. One
 * read per thousand messages that hold files (a year at pilot scale is a few hundred reads; the
 * committee opens this rarely).
 */
export async function storageUse(ctx: RequestContext, retentionDays: number): Promise<MediaStorageUse> {
  const { store, clock } = ctx.deps
  const now = clock.now()
  const rows = new Map<string, StorageUseRow>()
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find(
      'messages',
      { kind: { $in: ['image', 'voice'] }, media: { $ne: null } },
      { orderBy: [['createdAt', 'asc']], limit: PAGE, skip },
    )
    for (const doc of page) {
      if (!doc.media) continue
      const row = rows.get(doc.groupId) ?? emptyRow(doc.groupId, '', null)
      if (doc.kind === 'voice') row.voices += 1
      else row.photos += 1
      row.bytes += doc.media.bytes
      if (doc.createdAt > now - 30 * DAY_MS) row.last30DaysBytes += doc.media.bytes
      rows.set(doc.groupId, row)
    }
    if (page.length < PAGE) break
  }
  const buildingGroups = await findGroupsOfKind(store, 'building', 1000)
  const interestGroups = await getGroups(
    store,
    [...rows.keys()].filter((id) => !buildingGroups.some((g) => g._id === id)),
  )
  const buildings = buildingGroups
    .map((group) => ({
      ...(rows.get(group._id) ?? emptyRow(group._id, '', group.buildingId)),
      name: group.name,
      buildingId: group.buildingId,
    }))
    .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name, 'zh'))
  const interest = emptyRow('interest', '兴趣小组（合计）', null)
  for (const group of interestGroups) {
    const row = rows.get(group._id)
    if (!row) continue
    interest.photos += row.photos
    interest.voices += row.voices
    interest.bytes += row.bytes
    interest.last30DaysBytes += row.last30DaysBytes
  }
  const all = [...buildings, interest]
  const total = all.reduce((sum, row) => sum + row.bytes, 0)
  const last30 = all.reduce((sum, row) => sum + row.last30DaysBytes, 0)
  return {
    buildings,
    interest,
    totalBytes: total,
    last30DaysBytes: last30,
    retentionDays,
    measuredAt: now,
  }
}
