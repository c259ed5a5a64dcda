import type { UserDoc } from '../core/account/account.docs'
import {
  liveUntilOf,
  NEIGHBOURHOOD_KEY,
  readId,
  type AnnouncementDoc,
  type AnnouncementReadDoc,
} from '../core/announcements/announcements.docs'
import type { DocumentStore } from '../core/shared/document-store'
import type { Deps } from '../core/shared/ports'
import type { SeedContext } from './seed'
import { cycle } from '../core/shared/lists'

const DAY = 24 * 3600 * 1000

/** Pilot only: the neighbourhood-wide notice the bench measures `reach` on, read by about half the residents. */
export const PILOT_REACH_TITLE = '居民区消防演练通知'

/**
 * Announcement ids sort by publication time (the feed pages by `_id`), so seeded ones published
 * "days ago" get ids of that time, as the id generator would have made then.
 */
function idAt(time: number, tag: string): string {
  return `a_${time.toString(36).padStart(9, '0')}${tag}`
}

interface Draft {
  tag: string
  audienceKey: string
  authorId: string
  authorRole: AnnouncementDoc['authorRole']
  title: string
  body: string
  daysAgo: number
  pinned?: boolean
  urgent?: boolean
  /** Days after publication. */
  expiresAfterDays?: number
}

function docOf(draft: Draft, now: number): AnnouncementDoc {
  const publishedAt = now - draft.daysAgo * DAY
  const expiresAt = draft.expiresAfterDays === undefined ? null : publishedAt + draft.expiresAfterDays * DAY
  return {
    _id: idAt(publishedAt, draft.tag),
    audienceKey: draft.audienceKey,
    title: draft.title,
    body: draft.body,
    pinned: draft.pinned ?? false,
    urgent: draft.urgent ?? false,
    expiresAt,
    liveUntil: liveUntilOf(expiresAt),
    status: 'published',
    authorId: draft.authorId,
    authorRole: draft.authorRole,
    publishedAt,
  }
}

async function readersOf(store: DocumentStore, userIds: readonly string[]): Promise<Map<string, UserDoc>> {
  return new Map((await store.getMany('users', userIds)).map((u) => [u._id, u]))
}

function readOf(announcement: AnnouncementDoc, user: UserDoc, readAt: number): AnnouncementReadDoc {
  return {
    _id: readId(announcement._id, user._id),
    announcementId: announcement._id,
    userId: user._id,
    householdId: user.membership?.householdId ?? null,
    buildingId: user.membership?.buildingId ?? null,
    readAt,
  }
}

const BUILDING_NOTICES: Array<Pick<Draft, 'title' | 'body'>> = [
  {
    title: '楼道堆物请在周五前清理',
    body: '各位邻居：消防检查临近，请把楼道里的纸箱、旧家具在本周五前搬走。搬不动的请告诉我，我们找志愿者帮忙。',
  },
  {
    title: '本周六上午电梯年检',
    body: '周六上午 9 点到 11 点电梯年检，暂停使用。腿脚不便的老人请提前安排，需要帮忙买菜的请在群里说一声。',
  },
  {
    title: '物业维修电话更新',
    body: '物业维修电话改为 021-5555 0123，24 小时有人接听。水管、电路问题请直接打这个电话。',
  },
  { title: '垃圾分类投放时间', body: '早上 7:00-9:00，晚上 18:00-20:00。湿垃圾请破袋投放，谢谢大家配合。' },
  { title: '楼下自行车棚整理', body: '长期不用的自行车请贴上房号，月底没有房号的将由物业统一处理。' },
  { title: '暂停供水通知', body: '因管道维修，明天上午 8 点到 12 点暂停供水，请提前储水。' },
]

const NEIGHBOURHOOD_NOTICES: Array<Pick<Draft, 'title' | 'body'>> = [
  {
    title: '冬季防火安全提醒',
    body: '天气干燥，请不要在楼道里给电瓶车充电，出门前检查燃气和电器。独居老人家里可以申请免费安装烟雾报警器，请联系居委会。',
  },
  { title: '居委会办公时间调整', body: '即日起居委会办公时间为周一至周五 8:30-17:00，周六上午 9:00-11:30 有人值班。' },
  { title: '免费量血压活动', body: '每月第一个周三上午，社区卫生服务站的医生在居委会活动室为大家免费量血压。' },
  {
    title: '反诈宣传：谨防保健品推销',
    body: '近期有人冒充“专家”上门推销保健品，请大家提高警惕，不要给陌生人开门，遇到可疑情况请打 110 或联系居委会。',
  },
]

export async function seedAnnouncements(deps: Deps, context: SeedContext): Promise<void> {
  const { store } = deps
  const now = context.now
  const admin = context.personas.get('demo-admin')
  if (!admin) return
  const drafts: Draft[] = []
  const reads: AnnouncementReadDoc[] = []

  const perBuilding = context.scale === 'pilot' ? 12 : 4
  for (const building of context.buildings) {
    const leader = context.leaders.get(building.id)
    if (!leader) continue
    for (let k = 0; k < perBuilding; k++) {
      const notice = cycle(BUILDING_NOTICES, k + building.order)
      drafts.push({
        tag: `${building.id}-${k}`,
        audienceKey: building.id,
        authorId: leader,
        authorRole: 'leader',
        ...notice,
        daysAgo: 1 + k * (context.scale === 'pilot' ? 9 : 6),
        pinned: k === 1,
        // Some older notices had an end date and are gone from the feed (managers still see them).
        ...(k % 4 === 3 ? { expiresAfterDays: 3 } : {}),
      })
    }
  }
  const perNeighbourhood = context.scale === 'pilot' ? 20 : NEIGHBOURHOOD_NOTICES.length
  for (let k = 0; k < perNeighbourhood; k++) {
    drafts.push({
      tag: `all-${k}`,
      audienceKey: NEIGHBOURHOOD_KEY,
      authorId: admin,
      authorRole: 'committee',
      ...cycle(NEIGHBOURHOOD_NOTICES, k),
      daysAgo: 2 + k * 7,
      pinned: k === 0,
    })
  }
  const docs = drafts.map((d) => docOf(d, now))

  const everyone = [...context.residents.values()].flat()
  const users = await readersOf(store, everyone)
  // Neighbours have read some of their building's latest notices: every other resident, the newest two.
  for (const building of context.buildings) {
    const residents = context.residents.get(building.id) ?? []
    const latest = docs.filter((d) => d.audienceKey === building.id && d.liveUntil > now).slice(0, 2)
    residents.forEach((userId, i) => {
      const user = users.get(userId)
      if (!user || i % 2 === 1 || userId === context.leaders.get(building.id)) return
      for (const doc of latest) reads.push(readOf(doc, user, doc.publishedAt + 3600_000))
    })
  }

  if (context.scale === 'pilot') {
    const drill = docOf(
      {
        tag: '-drill',
        audienceKey: NEIGHBOURHOOD_KEY,
        authorId: admin,
        authorRole: 'committee',
        title: PILOT_REACH_TITLE,
        body: '下周六上午 10 点在各小区中心花园举行消防演练，请每户至少一人参加。行动不便的居民请告诉楼组长，我们上门讲解。',
        daysAgo: 3,
        pinned: true,
      },
      now,
    )
    docs.push(drill)
    // Every household in two has read it (all its members): about half the residents, half the
    // households, so each building has a real door-knock list.
    const households = [
      ...new Set(everyone.map((id) => users.get(id)?.membership?.householdId).filter((h): h is string => !!h)),
    ].sort()
    const reading = new Set(households.filter((_, i) => i % 2 === 0))
    everyone.forEach((userId, i) => {
      const user = users.get(userId)
      if (user?.membership && reading.has(user.membership.householdId))
        reads.push(readOf(drill, user, drill.publishedAt + (i % 48) * 3600_000))
    })
  }

  await store.transaction(async (tx) => {
    for (const doc of docs) await tx.insert('announcements', doc)
    for (const read of reads) await tx.insert('announcement_reads', read)
  })
}
