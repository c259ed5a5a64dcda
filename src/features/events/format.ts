import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { RSVP_STATE_NAMES, type EventSummary } from '../../../contracts'

dayjs.locale('zh-cn')

/** "还剩 3 个名额", "已满 · 候补 2 人", "不限名额". */
export function seatsText(event: Pick<EventSummary, 'capacity' | 'seatsLeft' | 'waitingPeople'>): string {
  if (event.capacity === null) return '不限名额'
  if (event.seatsLeft && event.seatsLeft > 0) return `还剩 ${event.seatsLeft} 个名额`
  return event.waitingPeople > 0 ? `已满 · 候补 ${event.waitingPeople} 人` : '已满'
}

export type Tone = 'ok' | 'warn' | 'bad' | ''

/** The little tag on a card: my state, or why it is closed. */
export function stateTag(event: EventSummary): { text: string; tone: Tone } | null {
  if (event.status === 'cancelled') return { text: '活动已取消', tone: 'bad' }
  const mine = event.mine
  if (mine?.state === 'confirmed') return { text: mine.attendedAt ? '已签到' : RSVP_STATE_NAMES.confirmed, tone: 'ok' }
  if (mine?.state === 'waitlisted') return { text: `候补第 ${mine.position ?? '?'} 位`, tone: 'warn' }
  if (event.closed) return { text: '报名已截止', tone: '' }
  return null
}

/** 08:00–09:30 */
export function timeRange(startAt: number, endAt: number): string {
  const start = dayjs(startAt)
  const end = dayjs(endAt)
  return start.isSame(end, 'day')
    ? `${start.format('HH:mm')}–${end.format('HH:mm')}`
    : `${start.format('HH:mm')}–${end.format('M月D日 HH:mm')}`
}

/** 11月29日 周日 14:00–16:00 */
export function whenText(startAt: number, endAt: number): string {
  return `${dayjs(startAt).format('M月D日 dddd')} ${timeRange(startAt, endAt)}`
}

/** "今天", "明天", "后天", else "11月29日 周日". */
export function dayLabel(ms: number, now: number): string {
  const day = dayjs(ms).startOf('day')
  const diff = day.diff(dayjs(now).startOf('day'), 'day')
  const date = day.format('M月D日 dddd')
  if (diff === 0) return `今天 · ${date}`
  if (diff === 1) return `明天 · ${date}`
  if (diff === 2) return `后天 · ${date}`
  return date
}

export interface DayGroup<T> {
  key: string
  label: string
  events: T[]
}

export interface WeekSections<T> {
  thisWeek: DayGroup<T>[]
  later: DayGroup<T>[]
}

/** This week (to Sunday, as the calendar on the wall says) and later, each grouped by day. */
export function groupByDay<T extends { startAt: number }>(events: readonly T[], now: number): WeekSections<T> {
  const endOfWeek = dayjs(now).endOf('week').valueOf()
  const sections: WeekSections<T> = { thisWeek: [], later: [] }
  for (const event of [...events].sort((a, b) => a.startAt - b.startAt)) {
    const target = event.startAt <= endOfWeek ? sections.thisWeek : sections.later
    const key = dayjs(event.startAt).format('YYYY-MM-DD')
    let group = target[target.length - 1]
    if (!group || group.key !== key) {
      group = { key, label: dayLabel(event.startAt, now), events: [] }
      target.push(group)
    }
    group.events.push(event)
  }
  return sections
}

/** "每周一次，共 4 次" */
export function seriesText(event: Pick<EventSummary, 'sessionIndex' | 'sessionCount'>): string | null {
  return event.sessionCount > 1 ? `第 ${event.sessionIndex} 次，共 ${event.sessionCount} 次` : null
}
