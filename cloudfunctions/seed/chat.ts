import { appendMessage } from '../core/chat/messages'
import { buildingGroupId } from '../core/groups/groups.docs'
import type { Deps } from '../core/shared/ports'
import type { SeedContext } from './seed'

const HOUR = 3600_000

/** A morning-to-evening few days in 金上海家园 5号楼's group: who says what (L = the leader, R = 王阿姨, n = a neighbour). */
const BUILDING_5: ReadonlyArray<[who: 'L' | 'R' | number, text: string, hoursAgo: number]> = [
  ['L', '各位邻居好！这里是咱们5号楼的楼组群，只有本楼认证过的邻居才能看到。有事大家在群里说一声。', 70],
  [0, '楼组长辛苦了！', 69.9],
  ['R', '好的，这下方便多了。', 69.5],
  [1, '请问这周的垃圾分类督导是哪天？', 50],
  ['L', '周三和周六早上7点到9点，在楼下垃圾箱房，需要两位志愿者。', 49.8],
  [2, '我周六可以来。', 49.5],
  ['R', '我周三来，顺便把家里的旧报纸带下去。', 49.2],
  [3, '今天电梯好像有点响，有没有人反映过？', 30],
  ['L', '已经报给物业了，明天下午2点到4点检修，这段时间请大家走楼梯，腿脚不方便的邻居可以等一等。', 29.5],
  [0, '收到，谢谢！', 29.4],
  [4, '明天降温到5度，老年人出门多穿一点。', 26],
  ['R', '谢谢提醒，我妈妈年纪大了，我让她今天别出门买菜了。', 25.8],
  [1, '要买菜的话我可以帮忙带，我每天早上都去菜场。', 25.6],
  ['R', '太好了，谢谢您！', 25.5],
  [2, '社区卫生服务中心下周二有免费量血压，上午9点开始。', 20],
  ['L', '对，居委会通知过了，需要陪同的邻居可以跟我说。', 19.8],
  [3, '我想去，能帮我登记一下吗？我住302。', 19.5],
  ['L', '好的，已经帮您登记了。', 19.2],
  [4, '楼道里的灯坏了一盏，在四楼。', 8],
  ['L', '收到，我下午跟物业说。', 7.8],
  [0, '四楼的灯已经修好了，物业师傅刚来过。', 3],
  ['R', '这么快！给物业点个赞。', 2.9],
  [1, '晚上有邻居一起去小区里散步吗？七点楼下见。', 1.5],
  ['R', '我去！', 1.4],
]

const ELSEWHERE: ReadonlyArray<[who: 'L' | number, text: string, hoursAgo: number]> = [
  ['L', '欢迎大家加入本楼的楼组群。有什么事情在群里说一声，我看到就回复。', 48],
  [0, '收到，谢谢楼组长！', 47.5],
  [1, '天气转凉了，大家注意保暖。', 6],
]

/** Demo chat: a lively history in 5号楼 (the demo residents' building) and a few lines in every other building. */
export async function seedChat(deps: Deps, context: SeedContext): Promise<void> {
  let n = 0
  const post = async (
    groupId: string,
    senderId: string | undefined,
    text: string,
    hoursAgo: number,
    extra: { replyTo?: string; mentions?: string[] } = {},
  ) => {
    if (!senderId) return null
    const { doc } = await appendMessage(deps.store, {
      groupId,
      senderId,
      clientId: `seed-${String(++n).padStart(5, '0')}`,
      text,
      at: context.now - hoursAgo * HOUR,
      ...extra,
    })
    return doc
  }
  for (const building of context.buildings) {
    const groupId = buildingGroupId(building.id)
    const leader = context.leaders.get(building.id)
    const neighbours = (context.residents.get(building.id) ?? []).filter((id) => id !== leader)
    if (building.id === 'jsh-5') {
      const resident = context.personas.get('demo-resident-5')
      const others = neighbours.filter((id) => id !== resident)
      let question: string | null = null
      for (const [who, text, hoursAgo] of BUILDING_5) {
        const sender = who === 'L' ? leader : who === 'R' ? resident : others[who % Math.max(1, others.length)]
        // The leader answers the volunteer question as a reply, and thanks 王阿姨 by name.
        const extra = text.startsWith('周三和周六') && question ? { replyTo: question } : {}
        const doc = await post(groupId, sender, text, hoursAgo, extra)
        if (text.startsWith('请问这周的垃圾分类')) question = doc?._id ?? null
      }
      if (leader && resident)
        await post(groupId, leader, '@王阿姨 谢谢您组织散步，注意安全！', 1.2, { mentions: [resident] })
      continue
    }
    // Pilot scale has ~100 people per building; a few lines are enough to make every group feel used.
    for (const [who, text, hoursAgo] of ELSEWHERE)
      await post(groupId, who === 'L' ? leader : neighbours[who], text, hoursAgo)
  }
}
