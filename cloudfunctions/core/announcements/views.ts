import { getBuildings, getEstates } from '../account/places.repository'
import {
  NEIGHBOURHOOD_AUDIENCE_NAME,
  type AnnouncementAudience,
  type AnnouncementDetail,
  type AnnouncementSummary,
} from '../../../contracts'
import { displayNames } from '../account/people'
import type { Caller } from '../shared/caller'
import type { DocumentStore } from '../shared/document-store'
import { mayManage, maySeeReach } from './access'
import { NEIGHBOURHOOD_KEY, readId, type AnnouncementDoc } from './announcements.docs'

const EXCERPT_LENGTH = 80

/** The first words of the body on one line, for cards and notifications. */
export function excerptOf(body: string, max = EXCERPT_LENGTH): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  const chars = [...flat]
  return chars.length <= max ? flat : `${chars.slice(0, max).join('')}…`
}

export function audienceOf(doc: AnnouncementDoc): AnnouncementAudience {
  return doc.audienceKey === NEIGHBOURHOOD_KEY ? 'neighbourhood' : { buildingId: doc.audienceKey }
}

export function isExpired(doc: AnnouncementDoc, now: number): boolean {
  return doc.expiresAt !== null && doc.expiresAt <= now
}

/** e.g. 金上海家园 5号楼 per building id; 全居民区 for the neighbourhood. */
export async function audienceNames(store: DocumentStore, keys: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>([[NEIGHBOURHOOD_KEY, NEIGHBOURHOOD_AUDIENCE_NAME]])
  const buildingIds = [...new Set(keys.filter((k) => k !== NEIGHBOURHOOD_KEY))]
  if (!buildingIds.length) return names
  const buildings = await getBuildings(store, buildingIds)
  const estates = new Map(
    (await getEstates(store, [...new Set(buildings.map((b) => b.estateId))])).map((e) => [e._id, e.name]),
  )
  for (const b of buildings) names.set(b._id, `${estates.get(b.estateId) ?? ''} ${b.name}`.trim())
  return names
}

/** Which of these the caller has opened (one by-id lookup for all). */
export async function readByCaller(
  store: DocumentStore,
  userId: string,
  docs: readonly AnnouncementDoc[],
): Promise<Set<string>> {
  const reads = await store.getMany(
    'announcement_reads',
    docs.map((d) => readId(d._id, userId)),
  )
  return new Set(reads.map((r) => r.announcementId))
}

export interface ViewLookups {
  names: Map<string, string>
  audiences: Map<string, string>
  read: Set<string>
}

export async function lookupsFor(
  store: DocumentStore,
  caller: Caller,
  docs: readonly AnnouncementDoc[],
  read?: Set<string>,
): Promise<ViewLookups> {
  const [names, audiences, readSet] = await Promise.all([
    displayNames(store, [...new Set(docs.map((d) => d.authorId))]),
    audienceNames(
      store,
      docs.map((d) => d.audienceKey),
    ),
    read ?? readByCaller(store, caller.userId, docs),
  ])
  return { names, audiences, read: readSet }
}

export function summaryOf(
  doc: AnnouncementDoc,
  caller: Caller,
  lookups: ViewLookups,
  now: number,
): AnnouncementSummary {
  const mine = doc.authorId === caller.userId
  return {
    announcementId: doc._id,
    audience: audienceOf(doc),
    audienceName: lookups.audiences.get(doc.audienceKey) ?? '',
    title: doc.title,
    excerpt: excerptOf(doc.body),
    pinned: doc.pinned,
    urgent: doc.urgent,
    publishedAt: doc.publishedAt,
    ...(doc.editedAt !== undefined ? { editedAt: doc.editedAt } : {}),
    ...(doc.expiresAt !== null ? { expiresAt: doc.expiresAt } : {}),
    expired: isExpired(doc, now),
    authorName: lookups.names.get(doc.authorId) ?? '',
    authorRole: doc.authorRole,
    read: mine || lookups.read.has(doc._id),
    mine,
    canManage: mayManage(caller, doc),
    canSeeReach: maySeeReach(caller, doc),
  }
}

export function detailOf(
  doc: AnnouncementDoc,
  caller: Caller,
  lookups: ViewLookups,
  now: number,
  readCount: number,
): AnnouncementDetail {
  return { ...summaryOf(doc, caller, lookups, now), body: doc.body, readCount }
}
