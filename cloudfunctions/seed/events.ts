import { callerFromUser } from '../core/account/identity'
import { checkIn } from '../core/events/attendance'
import { codeFor, windowOf } from '../core/events/check-in-code'
import { createEvent, type CreateInput } from '../core/events/manage'
import { rsvp } from '../core/events/rsvp'
import { shanghaiDayAt } from '../../contracts/shanghai-time'
import { groupMemberId } from '../core/groups/groups.docs'
import type { RequestContext } from '../core/shared/context'
import type { Deps } from '../core/shared/ports'
import type { FeatureSeeder, SeedContext } from './seed'
import { firstOf } from '../core/shared/lists'

/**
 * Demo events that make the 活动 tab feel like the neighbourhood's: the reading club, the dance
 * team, the choir (an interest group), the morning exercise class and a free blood-pressure
 * check, with RSVPs, a waitlist, and a past session with attendance. Everything goes through the
 * real use cases, so counters and waitlists are exactly what the app would have produced.
 */

const CHOIR_GROUP_ID = 'ig-choir'

/** A request context acting as one seeded person at a moment (also used by the buddies seed). */
export async function contextFor(deps: Deps, userId: string, now: number): Promise<RequestContext> {
  const user = await deps.store.get('users', userId)
  if (!user) throw new Error(`seed: no user ${userId}`)
  return { caller: callerFromUser(user), deps: { ...deps, clock: { now: () => now } }, requestId: 'seed' }
}

export async function publish(deps: Deps, organiserId: string, now: number, input: CreateInput): Promise<string[]> {
  return (await createEvent(await contextFor(deps, organiserId, now), input)).eventIds
}

export async function signUp(
  deps: Deps,
  eventId: string,
  userIds: readonly string[],
  now: number,
  answers: (i: number) => Record<string, string> = () => ({}),
  partySize: (i: number) => number = () => 1,
) {
  for (const [i, userId] of userIds.entries()) {
    await rsvp(await contextFor(deps, userId, now + i * 60_000), {
      eventId,
      answers: answers(i),
      partySize: partySize(i),
    })
  }
}

function personaId(context: SeedContext, openid: string): string {
  const id = context.personas.get(openid)
  if (!id) throw new Error(`seed: persona ${openid} missing`)
  return id
}

/** Verified residents of all buildings, personas excluded, in a stable order. */
function neighbours(context: SeedContext): string[] {
  const personaIds = new Set(context.personas.values())
  return [...context.residents.values()].flat().filter((id) => !personaIds.has(id))
}

/** The choir group's members, organiser first: the seeded one if it exists, else a new one. */
async function choir(deps: Deps, organiser: string, members: string[], now: number): Promise<string[]> {
  const existing = await deps.store.get('groups', CHOIR_GROUP_ID)
  if (existing) {
    const joined = await deps.store.find(
      'group_members',
      { groupId: CHOIR_GROUP_ID },
      { orderBy: [['joinedAt', 'asc']], limit: 100 },
    )
    return [...joined.filter((m) => m.role === 'organiser'), ...joined.filter((m) => m.role !== 'organiser')].map(
      (m) => m.userId,
    )
  }
  await deps.store.transaction(async (tx) => {
    await tx.insert('groups', {
      _id: CHOIR_GROUP_ID,
      kind: 'interest',
      buildingId: null,
      name: '金上海合唱团',
      description: '每周排练一次，喜欢唱歌的邻居都欢迎',
      createdAt: now - 90 * 86_400_000,
      createdBy: organiser,
    })
    for (const [i, userId] of members.entries()) {
      await tx.insert('group_members', {
        _id: groupMemberId(CHOIR_GROUP_ID, userId),
        groupId: CHOIR_GROUP_ID,
        userId,
        role: userId === organiser ? 'organiser' : 'member',
        joinedAt: now - (90 - i) * 86_400_000,
      })
    }
  })
  return members
}

async function seedChoir(deps: Deps, organiser: string, members: string[], now: number): Promise<void> {
  const choirRehearsal = firstOf(
    await publish(deps, organiser, now - 4 * 86_400_000, {
      title: '合唱团排练',
      description: '本月排练《茉莉花》和《东方之珠》，为元旦联欢会做准备。',
      place: '居委会二楼会议室',
      startAt: shanghaiDayAt(now, 2, 9, 30),
      endAt: shanghaiDayAt(now, 2, 11),
      capacity: 25,
      audience: { groupId: CHOIR_GROUP_ID },
      recurrence: { every: 'week', count: 6 },
    }),
  )
  await signUp(deps, choirRehearsal, members.slice(0, 8), now - 3 * 86_400_000)
}

export const seedEvents: FeatureSeeder = async (deps, context) => {
  const now = context.now
  const admin = personaId(context, 'demo-admin')
  const leader5 = personaId(context, 'demo-leader-5')
  const wang = personaId(context, 'demo-resident-5')
  const zhao = personaId(context, 'demo-resident-11')
  const doctor = personaId(context, 'demo-doctor')
  const others = neighbours(context)
  const jsh5 = (context.residents.get('jsh-5') ?? []).filter((id) => id !== wang && id !== leader5)

  // The choir is an interest group. The buddies feature seeds it (with its organiser and members);
  // without that feature, 赵老伯 organises one of our own.
  const choirMembers = await choir(deps, zhao, [zhao, wang, ...others.slice(0, 10)], now)
  const choirOrganiser = choirMembers[0]

  // A reading-club session last month, with attendance (for 我的活动 → 参加过的).
  const lastMonth = now - 30 * 86_400_000
  const pastReading = firstOf(
    await publish(deps, leader5, lastMonth - 7 * 86_400_000, {
      title: '读书会 · 好书分享',
      description: '每月一次，带上最近读的一本书，和邻居聊聊。',
      place: '5号楼一楼活动室',
      startAt: shanghaiDayAt(lastMonth, 0, 14),
      endAt: shanghaiDayAt(lastMonth, 0, 16),
      capacity: 20,
      audience: { buildingId: 'jsh-5' },
    }),
  )
  await signUp(deps, pastReading, [wang, ...jsh5.slice(0, 3)], lastMonth - 6 * 86_400_000)
  const past = await deps.store.get('events', pastReading)
  if (past) {
    const at = past.startAt + 5 * 60_000
    for (const userId of [wang, ...jsh5.slice(0, 2)]) {
      const ctx = await contextFor(deps, userId, at)
      await checkIn(ctx, { eventId: pastReading, code: codeFor(past.checkInSecret, windowOf(at)) })
    }
  }

  const reading = firstOf(
    await publish(deps, leader5, now - 3 * 86_400_000, {
      title: '读书会 · 好书分享',
      description:
        '每月一次，带上最近读的一本书，和邻居聊聊。这个月的主题是“上海的老弄堂”。没有书的邻居可以在活动室借。',
      place: '5号楼一楼活动室',
      startAt: shanghaiDayAt(now, 3, 14),
      endAt: shanghaiDayAt(now, 3, 16),
      capacity: 20,
      audience: { buildingId: 'jsh-5' },
      recurrence: { every: 'month', count: 3 },
      questions: [
        { kind: 'choice', text: '是否需要借书', options: ['需要', '不需要'] },
        { kind: 'text', text: '想分享的书（可不填）', required: false },
      ],
    }),
  )
  await signUp(deps, reading, [wang, ...jsh5.slice(0, 3)], now - 2 * 86_400_000, (i): Record<string, string> =>
    i === 0 ? { q1: '不需要', q2: '《繁花》' } : { q1: i % 2 ? '需要' : '不需要' },
  )

  const dance = firstOf(
    await publish(deps, admin, now - 5 * 86_400_000, {
      title: '广场舞队 · 每周排练',
      description: '跟着张老师学新舞，零基础也可以来。请穿软底鞋。',
      place: '金上海家园中心广场',
      startAt: shanghaiDayAt(now, 1, 19),
      endAt: shanghaiDayAt(now, 1, 20, 30),
      capacity: 40,
      audience: 'neighbourhood',
      recurrence: { every: 'week', count: 8 },
    }),
  )
  await signUp(deps, dance, others.slice(10, 24), now - 4 * 86_400_000)

  if (choirOrganiser) await seedChoir(deps, choirOrganiser, choirMembers, now)
  // The exercise class is small and popular: full, with a waitlist (王阿姨 is on it).
  const exercise = firstOf(
    await publish(deps, admin, now - 6 * 86_400_000, {
      title: '晨练健身操',
      description: '社区体育指导员带大家做健身操，活动筋骨。雨天改在居委会活动室。',
      place: '梅村小花园',
      startAt: shanghaiDayAt(now, 1, 8),
      endAt: shanghaiDayAt(now, 1, 9),
      capacity: 12,
      audience: 'neighbourhood',
      recurrence: { every: 'week', count: 4 },
    }),
  )
  await signUp(
    deps,
    exercise,
    [...others.slice(24, 36), ...others.slice(40, 41), wang, ...others.slice(41, 42)],
    now - 5 * 86_400_000,
  )

  // The blood-pressure check: full, some come with a spouse, a short waitlist.
  const bloodPressure = firstOf(
    await publish(deps, admin, now - 7 * 86_400_000, {
      title: '免费量血压',
      description: '李医生和社区卫生服务中心的护士为大家免费量血压，解答用药问题。请带上平时吃的药的盒子。',
      place: '居委会卫生服务点',
      startAt: shanghaiDayAt(now, 5, 9),
      endAt: shanghaiDayAt(now, 5, 11, 30),
      capacity: 30,
      audience: 'neighbourhood',
      questions: [{ kind: 'choice', text: '希望的时段', options: ['9:00–10:00', '10:00–11:30'] }],
    }),
  )
  const bpPeople = [wang, doctor, ...others.slice(42, 70)]
  await signUp(
    deps,
    bloodPressure,
    bpPeople,
    now - 6 * 86_400_000,
    (i) => ({ q1: i % 3 ? '9:00–10:00' : '10:00–11:30' }),
    (i) => (i % 5 === 1 ? 2 : 1),
  )
}
