import { appendMessage } from '../core/chat/messages'
import type { CreateInput } from '../core/events/manage'
import { shanghaiDayAt } from '../../contracts/shanghai-time'
import type { Deps } from '../core/shared/ports'
import { publish, signUp } from './events'
import type { FeatureSeeder } from './seed'
import { cycle, firstOf } from '../core/shared/lists'

/**
 * Life in the interest groups the buddies seed makes: a few days of chat and the organisers' coming
 * sessions with some sign-ups, so a young resident who joins 读书会 finds people talking and
 * something to go to. Runs after the buddies, chat and events seeds, through the real use cases
 * (chat's appendMessage, events' createEvent and rsvp), so counters and seats are real.
 */

const HOUR = 3600_000
const DAY = 24 * HOUR

/** Who says what: 0 = the organiser, n = the n-th other member (by joining order). */
type Line = [who: number, text: string, hoursAgo: number]

interface GroupLife {
  groupId: string
  chat: Line[]
  /** The organiser's next session, published a few days ago; `signUps` members have RSVPed. */
  event: (now: number) => Omit<CreateInput, 'audience'>
  signUps: number
}

const LIVES: readonly GroupLife[] = [
  {
    groupId: 'ig-reading',
    chat: [
      [0, '欢迎大家！这个月我们共读《繁花》，没有书的可以在社区图书角借。', 72],
      [1, '我读到一半了，书里写的弄堂生活特别有画面感。', 50],
      [2, '交流会我来，顺便带几本旧书放到图书角。', 30],
      [0, '好的！交流会在图书角，我准备茶水，报名在下面的小组活动里。', 29],
      [3, '有没有人推荐适合小学生看的书？我家孩子刚上二年级。', 5],
    ],
    event: (now) => ({
      title: '读书会 · 《繁花》交流会',
      description: '聊聊这个月共读的《繁花》，没读完也欢迎来听。可以带一本想推荐的书。',
      place: '金上海家园社区图书角',
      startAt: shanghaiDayAt(now, 6, 14),
      endAt: shanghaiDayAt(now, 6, 16),
      capacity: 12,
    }),
    signUps: 4,
  },
  {
    groupId: 'ig-photo',
    chat: [
      [0, '这周末天气不错，有人一起在小区里拍照吗？', 40],
      [1, '我可以！想练练手机拍人像。', 39],
      [2, '上次给5号楼的阿姨们拍的全家福已经洗出来了，放在居委会。', 12],
    ],
    event: (now) => ({
      title: '小区四季 · 外拍活动',
      description: '在小区里边走边拍，组织者现场讲构图和手机拍照技巧，手机相机都可以。',
      place: '金上海家园中心花园（喷泉旁集合）',
      startAt: shanghaiDayAt(now, 9, 9),
      endAt: shanghaiDayAt(now, 9, 11),
      capacity: 15,
    }),
    signUps: 5,
  },
  {
    groupId: 'ig-fitness',
    chat: [
      [0, '周末晨练照常，下雨就改到居委会活动室。', 20],
      [1, '收到！我带上瑜伽垫。', 19],
    ],
    event: (now) => ({
      title: '周末太极拳晨练',
      description: '跟着组织者练二十四式太极拳，零基础也可以，穿宽松的衣服。',
      place: '梅村小花园',
      startAt: shanghaiDayAt(now, 2, 7),
      endAt: shanghaiDayAt(now, 2, 8),
      capacity: 20,
    }),
    signUps: 6,
  },
]

export const seedBuddyGroupLife: FeatureSeeder = async (deps: Deps, context) => {
  const now = context.now
  let n = 0
  for (const life of LIVES) {
    const rows = await deps.store.find(
      'group_members',
      { groupId: life.groupId },
      { orderBy: [['joinedAt', 'asc']], limit: 1000 },
    )
    const organiser = rows.find((r) => r.role === 'organiser')
    // Without the buddies seed (or with a different one) there is nobody to speak: nothing to add.
    if (!organiser) continue
    const others = rows.filter((r) => r !== organiser).map((r) => r.userId)
    const speaker = (who: number) => (who === 0 || !others.length ? organiser.userId : cycle(others, who - 1))
    for (const [who, text, hoursAgo] of life.chat) {
      await appendMessage(deps.store, {
        groupId: life.groupId,
        senderId: speaker(who),
        clientId: `seed-ig-${String(++n).padStart(4, '0')}`,
        text,
        at: now - hoursAgo * HOUR,
      })
    }
    const eventId = firstOf(
      await publish(deps, organiser.userId, now - 3 * DAY, { ...life.event(now), audience: { groupId: life.groupId } }),
    )
    await signUp(deps, eventId, others.slice(0, life.signUps), now - 2 * DAY)
  }
}
