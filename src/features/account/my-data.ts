import { fullDateTimeText } from '../../../contracts'

/**
 * Turning the export (every collection's documents about me) into something a resident can read:
 * a section per kind of record with a plain title, fields with plain names, times as
 * 2026年12月1日 14:05. Internal ids are left out here; the JSON file keeps everything.
 */

const SECTION_TITLES = new Map<string, string>(
  Object.entries({
    users: '我的账号',
    memberships: '入楼申请与楼组',
    role_grants: '我的角色',
    notifications: '消息通知',
    subscription_grants: '微信提醒次数',
    messages: '我在群里说的话',
    chat_reads: '群聊已读位置',
    chat_mutes: '禁言记录',
    chat_reports: '我举报的消息',
    chat_report_filings: '我举报的消息',
    announcements: '我发布的通知',
    announcement_reads: '我读过的通知',
    events: '我组织的活动',
    event_rsvps: '我的活动报名',
    event_waitlists: '我的候补',
    buddies: '网络小伙伴资料',
    group_members: '我加入的兴趣小组',
    group_proposals: '我提议的兴趣小组',
    help_requests: '我的求助',
    volunteer_hours: '志愿服务时长',
    health_questions: '我问医生的问题',
    health_followers: '我关注的健康专栏',
    council_matters: '我提出的议事',
    council_ballots: '我的投票',
    audit_log: '与我有关的管理记录',
    households: '我的住户信息',
  }),
)

const FIELD_NAMES = new Map<string, string>(
  Object.entries({
    nickname: '称呼',
    openid: '微信标识',
    room: '房号',
    status: '状态',
    role: '角色',
    roles: '角色',
    title: '标题',
    body: '正文',
    text: '内容',
    question: '问题',
    answer: '回答',
    category: '类别',
    kind: '类型',
    reason: '原因',
    note: '备注',
    when: '时间',
    place: '地点',
    skill: '本事',
    remaining: '剩余次数',
    settings: '设置',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    sentAt: '发送时间',
    readAt: '阅读时间',
    reviewedAt: '审核时间',
    endedAt: '结束时间',
    joinedAt: '加入时间',
    askedAt: '提问时间',
    answeredAt: '回复时间',
    startsAt: '开始时间',
    endsAt: '结束时间',
    privacyAcceptedAt: '同意隐私说明的时间',
    privacyAcceptedVersion: '同意的隐私说明版本',
    avatarUrl: '头像',
    largeText: '大字模式',
    deletedAt: '注销时间',
    verifiedBy: '认证方式',
    partySize: '人数',
    position: '候补位置',
    answers: '报名时的回答',
    urgent: '紧急',
    pinned: '置顶',
    wechat: '微信提醒',
    templateKey: '提醒类型',
    link: '链接',
    state: '状态',
    seq: '序号',
    version: '版本',
  }),
)

export interface ReadableField {
  name: string
  value: string
}

export interface ReadableSection {
  key: string
  title: string
  records: ReadableField[][]
}

/** A field holds a moment when it is named like one and looks like milliseconds since 1970 (after 2001). */
function isMoment(key: string, value: unknown): value is number {
  return typeof value === 'number' && value > 1e12 && /(At|Time|until|since)$/i.test(key)
}

function isInternalId(key: string): boolean {
  return key === '_id' || /Ids?$/.test(key) || key === 'claimToken'
}

function readableValue(key: string, value: unknown): string {
  if (isMoment(key, value)) return fullDateTimeText(value)
  if (value === null || value === undefined || value === '') return '—'
  if (value === true) return '是'
  if (value === false) return '否'
  if (typeof value === 'string' || typeof value === 'number') return String(value)
  if (Array.isArray(value)) return value.length ? value.map((v) => readableValue('', v)).join('、') : '—'
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !isInternalId(k))
  return entries.length ? entries.map(([k, v]) => `${FIELD_NAMES.get(k) ?? k}：${readableValue(k, v)}`).join('；') : '—'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

/** One record's fields; a group of fields (a profile, settings) is laid out as fields of its own, and empty ones are left out. */
function readableRecord(doc: unknown): ReadableField[] {
  if (!isPlainObject(doc)) return [{ name: '内容', value: readableValue('', doc) }]
  const fields: ReadableField[] = []
  const add = (record: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(record)) {
      if (isInternalId(key) || value === null || value === undefined || value === '') continue
      if (Array.isArray(value) && value.length === 0) continue
      if (isPlainObject(value)) add(value)
      else fields.push({ name: FIELD_NAMES.get(key) ?? key, value: readableValue(key, value) })
    }
  }
  add(doc)
  return fields
}

/** The parts a collection's export is split into (`memberships: { mine, reviewedByMe }`), in plain words. */
const PART_NAMES = new Map<string, string>(
  Object.entries({
    mine: '我的',
    profile: '资料',
    received: '收到的',
    read: '读过的',
    published: '我发布的',
    edited: '我修改的',
    unpublished: '我撤回的',
    reviewedByMe: '我审核的',
    byMe: '我做的',
    aboutMe: '关于我的',
    asked: '我提出的',
    helped: '我帮过的',
    confirmedByMe: '我确认的',
    cancelledByMe: '我取消的',
    held: '我担任的',
    granted: '我授予的',
    created: '我创建的',
  }),
)

function isPartsOf(value: unknown): value is Record<string, unknown[]> {
  return isPlainObject(value) && Object.values(value).every(Array.isArray)
}

/**
 * The export's `data` (collection → its parts → documents) as sections in a stable order: the
 * account first; a collection with records in several parts gets a section per part.
 */
export function readableSections(data: Record<string, unknown>): ReadableSection[] {
  const order = [...SECTION_TITLES.keys()]
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length)
  const sections: Array<ReadableSection & { collection: string }> = []
  for (const [collection, value] of Object.entries(data)) {
    const title = SECTION_TITLES.get(collection) ?? collection
    const parts: Array<[string, unknown[]]> = isPartsOf(value)
      ? Object.entries(value)
      : [['', Array.isArray(value) ? value : value ? [value] : []]]
    const filled = parts.filter(([, docs]) => docs.length > 0)
    for (const [part, docs] of filled) {
      sections.push({
        collection,
        key: part ? `${collection}.${part}` : collection,
        title: filled.length > 1 ? `${title}（${PART_NAMES.get(part) ?? part}）` : title,
        records: docs.map(readableRecord),
      })
    }
  }
  return sections
    .sort((a, b) => rank(a.collection) - rank(b.collection) || a.key.localeCompare(b.key))
    .map(({ key, title, records }) => ({ key, title, records }))
}

export function exportFileName(exportedAt: number): string {
  return `louzu-my-data-${new Date(exportedAt).toISOString().slice(0, 10)}.json`
}
