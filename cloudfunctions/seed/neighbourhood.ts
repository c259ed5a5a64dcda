import { cycle } from '../core/shared/lists'
/**
 * The demo neighbourhood: 金上海居民区 with its three estates, 35 buildings and 1,101
 * households. Ids are readable and fixed (`jsh-5` is 金上海家园 5号楼) so that links, scripts and
 * tests can name them.
 */
export interface EstatePlan {
  id: string
  name: string
  buildings: number
  floors: number
  roomsPerFloor: number
}

export const NEIGHBOURHOOD_NAME = '金上海居民区'

export const ESTATES: readonly EstatePlan[] = [
  { id: 'jsh', name: '金上海家园', buildings: 17, floors: 6, roomsPerFloor: 6 },
  { id: 'hsgef', name: '合生高尔夫', buildings: 10, floors: 11, roomsPerFloor: 3 },
  { id: 'mc', name: '梅村', buildings: 8, floors: 5, roomsPerFloor: 4 },
]

export interface BuildingPlan {
  id: string
  estateId: string
  name: string
  order: number
  rooms: string[]
}

export function buildingId(estateId: string, number: number): string {
  return `${estateId}-${number}`
}

export function planBuildings(): BuildingPlan[] {
  const buildings: BuildingPlan[] = []
  for (const estate of ESTATES) {
    for (let number = 1; number <= estate.buildings; number++) {
      const rooms: string[] = []
      for (let floor = 1; floor <= estate.floors; floor++) {
        for (let unit = 1; unit <= estate.roomsPerFloor; unit++) rooms.push(`${floor}${String(unit).padStart(2, '0')}`)
      }
      // 梅村 8号楼's ground-floor corner is the estate's shop, not a home: 1,101 households in all.
      const homes = estate.id === 'mc' && number === 8 ? rooms.filter((r) => r !== '101') : rooms
      buildings.push({
        id: buildingId(estate.id, number),
        estateId: estate.id,
        name: `${number}号楼`,
        order: number,
        rooms: homes,
      })
    }
  }
  return buildings
}

export interface Persona {
  openid: string
  nickname: string
  /** What to log in as them for, shown when the runtime starts. */
  role: string
  buildingId?: string
  room?: string
  grants?: Array<{ role: 'leader' | 'columnist' | 'admin'; buildingId?: string }>
  verified?: boolean
  consented?: boolean
}

export const PERSONAS: readonly Persona[] = [
  {
    openid: 'demo-admin',
    nickname: '陈老师',
    role: '居委会工作人员（全部管理权限）',
    grants: [{ role: 'admin' }],
    consented: true,
  },
  {
    openid: 'demo-leader-5',
    nickname: '张阿姨',
    role: '金上海家园 5号楼 楼组长',
    buildingId: 'jsh-5',
    room: '101',
    grants: [{ role: 'leader', buildingId: 'jsh-5' }],
    verified: true,
    consented: true,
  },
  {
    openid: 'demo-doctor',
    nickname: '李医生',
    role: '健康专栏作者（退休医生，住金上海家园 11号楼）',
    buildingId: 'jsh-11',
    room: '202',
    grants: [{ role: 'columnist' }],
    verified: true,
    consented: true,
  },
  {
    openid: 'demo-resident-5',
    nickname: '王阿姨',
    role: '居民，金上海家园 5号楼（已认证）',
    buildingId: 'jsh-5',
    room: '502',
    verified: true,
    consented: true,
  },
  {
    openid: 'demo-resident-11',
    nickname: '赵老伯',
    role: '居民，金上海家园 11号楼（已认证）',
    buildingId: 'jsh-11',
    room: '601',
    verified: true,
    consented: true,
  },
  {
    openid: 'demo-youth',
    nickname: '小周',
    role: '年轻居民，金上海家园 17号楼（已认证，26-35 岁）',
    buildingId: 'jsh-17',
    room: '303',
    verified: true,
    consented: true,
  },
  { openid: 'demo-newcomer', nickname: '新邻居', role: '新用户，还没有加入楼组' },
]

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '高',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
]
/** The demo committee persona: a database where it exists holds the demo neighbourhood. */
export const DEMO_ADMIN_OPENID = 'demo-admin'

const CALLED = ['阿姨', '老伯', '师傅', '奶奶', '爷爷', '老师', '阿婆', '先生', '女士', '大哥', '姐姐', '小妹']

/** A fictional, deterministic way to address the n-th seeded resident: 王阿姨, 李老伯, … */
export function residentNickname(n: number): string {
  return `${cycle(SURNAMES, n)}${cycle(CALLED, Math.floor(n / SURNAMES.length))}`
}
