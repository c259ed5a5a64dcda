import { AGE_BANDS, INTERESTS, type Availability, type Interest, type Skill } from '../../contracts'
import {
  BUDDY_CONSENT_VERSION,
  hoursId,
  type BuddyDoc,
  type HelpRequestDoc,
  type VolunteerHoursDoc,
} from '../core/buddies/buddies.docs'
import { groupMemberId, type GroupMemberDoc } from '../core/groups/groups.docs'
import type { Deps } from '../core/shared/ports'
import type { SeedContext } from './seed'
import { cycle } from '../core/shared/lists'

/**
 * Demo content for network buddies: about fifty young neighbours across the three estates with
 * their interests, skills and workplaces; seven interest groups with organisers and members; a
 * few help requests (open, done) and hours; one group proposal waiting for the committee.
 * Deterministic, so pages, screenshots and tests see the same neighbourhood every time.
 * `demo-youth` (小周) is deliberately NOT signed up: the e2e signs them up.
 */

const DAY = 24 * 3600 * 1000

/** Fixed ids, so tests, links and the chat and events seeds can name them. */
export const SEED_GROUPS: ReadonlyArray<{ id: string; name: string; interests: Interest[]; description: string }> = [
  {
    id: 'ig-reading',
    name: '读书会',
    interests: ['读书'],
    description: '每月共读一本书，周末在社区图书角交流。什么书都可以推荐。',
  },
  {
    id: 'ig-choir',
    name: '合唱团',
    interests: ['合唱'],
    description: '每周四晚上排练，节日在小区广场演出，不识谱也能学。',
  },
  {
    id: 'ig-dance',
    name: '舞蹈队',
    interests: ['舞蹈'],
    description: '广场舞、民族舞、爵士都跳，周二周六晚上活动室见。',
  },
  {
    id: 'ig-photo',
    name: '摄影小组',
    interests: ['摄影'],
    description: '拍小区四季，给邻居拍全家福，手机相机都欢迎。',
  },
  {
    id: 'ig-fitness',
    name: '健身拳操',
    interests: ['运动', '拳操'],
    description: '早上太极拳、晚上健身操，也约跑步和羽毛球。',
  },
  { id: 'ig-family', name: '亲子小组', interests: ['亲子'], description: '带孩子一起做手工、读绘本、参观博物馆。' },
  {
    id: 'ig-volunteer',
    name: '志愿服务队',
    interests: ['志愿服务'],
    description: '助老、环保、垃圾分类宣传……一起为居民区出把力。',
  },
]

const FAMILY = [
  '王',
  '林',
  '陈',
  '何',
  '徐',
  '唐',
  '宋',
  '罗',
  '郑',
  '吴',
  '梁',
  '黄',
  '谢',
  '韩',
  '冯',
  '邓',
  '曹',
  '许',
  '沈',
  '蒋',
  '杜',
  '丁',
  '叶',
  '程',
  '苏',
  '潘',
  '姚',
  '钱',
  '汪',
  '陆',
]
/** How young neighbours call each other: 小王, 小林 … then 阿王, 阿林 … (60 distinct names). */
function youngName(n: number): string {
  return `${n < FAMILY.length ? '小' : '阿'}${cycle(FAMILY, n)}`
}
const WORKPLACES: Array<string | null> = [
  '上海银行',
  '张江科技园',
  '中山医院',
  null,
  '浦东软件园',
  '上海地铁',
  '上海银行',
  null,
  '张江科技园',
]
const MAIN_INTERESTS: Interest[] = ['读书', '合唱', '舞蹈', '摄影', '运动', '拳操', '亲子', '志愿服务', '摄影', '读书']
const SKILL_PICKS: Skill[] = [
  '教老人用手机',
  '代买代办',
  '陪同就医',
  '教老人用手机',
  '摄影修图',
  '辅导功课',
  '家电小修',
  '电脑维修',
]
const AVAILABILITY_PICKS: Availability[][] = [['weekend'], ['weekday-evening', 'weekend'], ['flexible']]

function buddyProfile(n: number, userId: string, createdAt: number): BuddyDoc {
  const interests = [
    ...new Set<Interest>([
      cycle(MAIN_INTERESTS, n),
      cycle(INTERESTS, n * 3 + 2),
      ...(n % 2 ? [cycle(MAIN_INTERESTS, n + 3)] : []),
    ]),
  ]
  const skills = [...new Set<Skill>([cycle(SKILL_PICKS, n), ...(n % 3 === 0 ? [cycle(SKILL_PICKS, n + 2)] : [])])]
  return {
    _id: userId,
    userId,
    nickname: youngName(n),
    ageBand: cycle(AGE_BANDS, n),
    interests,
    tags: n % 4 === 0 ? ['咖啡'] : n % 5 === 0 ? ['猫', '跑步'] : [],
    skills,
    workplace: cycle(WORKPLACES, n),
    availability: cycle(AVAILABILITY_PICKS, n),
    consentVersion: BUDDY_CONSENT_VERSION,
    consentAt: createdAt,
    createdAt,
    updatedAt: createdAt,
  }
}

export async function seedBuddies(deps: Deps, context: SeedContext): Promise<void> {
  const { store } = deps
  const now = context.now
  const personaIds = new Set(context.personas.values())
  const leaderIds = new Set(context.leaders.values())
  // Ordinary neighbours only: not the demo personas (their state is the demos' own), not leaders.
  const ordinary = (buildingId: string) =>
    (context.residents.get(buildingId) ?? []).filter((id) => !personaIds.has(id) && !leaderIds.has(id))

  const buddies: BuddyDoc[] = []
  const nonBuddies = new Map<string, string>()
  for (const building of context.buildings) {
    const people = ordinary(building.id)
    // Some buildings have several young sign-ups, some none: the committee's charts show real differences.
    const take = cycle([2, 1, 3, 0, 1, 2, 3], building.order)
    people
      .slice(0, take)
      .forEach((userId) => buddies.push(buddyProfile(buddies.length, userId, now - (120 - buddies.length) * DAY)))
    const firstNonBuddy = people[take]
    if (firstNonBuddy) nonBuddies.set(building.id, firstNonBuddy)
  }

  await store.transaction(async (tx) => {
    for (const b of buddies) {
      await tx.insert('buddies', b)
      // A young neighbour goes by the same name everywhere: the group page (buddy profile), its
      // chat and its sessions (account) must not call one person 小王 and 李阿姨.
      await tx.update('users', b._id, { set: { nickname: b.nickname } })
    }
    for (const [i, g] of SEED_GROUPS.entries()) {
      const joined = buddies.filter((b) => b.interests.some((interest) => g.interests.includes(interest)))
      const organiser = joined[0]
      await tx.insert('groups', {
        _id: g.id,
        kind: 'interest',
        buildingId: null,
        name: g.name,
        description: g.description,
        interests: g.interests,
        createdAt: now - (90 - i) * DAY,
        createdBy: 'seed',
      })
      for (const [j, b] of joined.entries()) {
        const member: GroupMemberDoc = {
          _id: groupMemberId(g.id, b._id),
          groupId: g.id,
          userId: b._id,
          role: b === organiser ? 'organiser' : 'member',
          joinedAt: now - (80 - j) * DAY,
        }
        await tx.insert('group_members', member)
      }
    }
    const proposer = buddies[3]
    if (proposer) {
      await tx.insert('group_proposals', {
        _id: 'gp-seed-boardgames',
        proposerId: proposer._id,
        name: '桌游小组',
        description: '周五晚上在活动室玩桌游，狼人杀、卡坦岛都有，新手也欢迎。',
        interests: ['棋牌'],
        status: 'pending',
        createdAt: now - 2 * DAY,
      })
    }
  })

  // Help: two open requests from older neighbours, one asked by a leader on a resident's behalf, and two done (with hours).
  const users = new Map((await store.getMany('users', [...nonBuddies.values()])).map((u) => [u._id, u]))
  const estateOf = (buildingId: string) => context.buildings.find((b) => b.id === buildingId)?.estateId ?? ''
  const homeOf = new Map<string, string>()
  for (const [buildingId, ids] of context.residents) for (const id of ids) homeOf.set(id, buildingId)
  const helperIn = (estateId: string, skill: Skill) =>
    buddies.find((b) => estateOf(homeOf.get(b._id) ?? '') === estateId && b.skills.includes(skill))
  const requests: HelpRequestDoc[] = []
  const hours: VolunteerHoursDoc[] = []
  let n = 0
  function ask(buildingId: string, skill: Skill, when: string, note: string, done?: number): void {
    const requesterId = nonBuddies.get(buildingId)
    const membership = requesterId ? users.get(requesterId)?.membership : null
    if (!requesterId || !membership) return
    const createdAt = now - (10 - n) * DAY
    const request: HelpRequestDoc = {
      _id: `hr-seed-${++n}`,
      requesterId,
      onBehalf: false,
      buildingId,
      estateId: estateOf(buildingId),
      householdId: membership.householdId,
      room: membership.room,
      skill,
      when,
      note,
      status: 'open',
      helperId: null,
      declinedHelperIds: [],
      createdAt,
    }
    const helper = done !== undefined ? helperIn(request.estateId, skill) : undefined
    if (helper && done !== undefined) {
      Object.assign(request, {
        status: 'completed',
        helperId: helper._id,
        minutes: done,
        offeredAt: createdAt + 3600_000,
        acceptedAt: createdAt + 7200_000,
        completedAt: createdAt + DAY,
        confirmedBy: requesterId,
      })
      hours.push({
        _id: hoursId(request._id),
        userId: helper._id,
        source: 'help',
        requestId: request._id,
        skill,
        minutes: done,
        confirmedAt: createdAt + DAY,
        confirmedBy: requesterId,
      })
    }
    requests.push(request)
  }
  ask('jsh-3', '教老人用手机', '这周六下午', '想学用微信和外孙视频通话，还想学手机挂号。')
  ask('hsgef-2', '代买代办', '明天上午', '腿脚不方便，想请人帮忙去药店买降压药。')
  ask('jsh-8', '陪同就医', '上周三上午', '去中山医院复查，需要有人陪同排队。', 150)
  ask('mc-3', '教老人用手机', '上周末', '学会了用手机付钱和看天气预报。', 60)
  const leader5 = context.leaders.get('jsh-5')
  if (leader5) {
    requests.push({
      _id: `hr-seed-${++n}`,
      requesterId: leader5,
      onBehalf: true,
      buildingId: 'jsh-5',
      estateId: 'jsh',
      householdId: 'jsh-5~305',
      room: '305',
      skill: '家电小修',
      when: '这周末',
      note: '独居的老伯家热水器打不着火，楼组长代为登记。',
      status: 'open',
      helperId: null,
      declinedHelperIds: [],
      createdAt: now - DAY,
    })
  }
  await store.transaction(async (tx) => {
    for (const r of requests) await tx.insert('help_requests', r)
    for (const h of hours) await tx.insert('volunteer_hours', h)
  })
}
