import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'
import { fullDateText, monthDayTime } from '../../contracts/shanghai-time'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** "3 分钟前", "2 天前" — how people say it. */
export function fromNow(ms: number): string {
  return dayjs(ms).fromNow()
}

const MINUTE = 60 * 1000

/** How long something has waited, exactly enough to act on: "12 分钟", "2 小时 5 分钟", "3 天 4 小时". */
export function waitedFor(since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / MINUTE))
  if (minutes < 60) return `${minutes} 分钟`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分钟` : `${hours} 小时`
  return hours % 24 ? `${Math.floor(hours / 24)} 天 ${hours % 24} 小时` : `${Math.floor(hours / 24)} 天`
}

/** "11月28日 14:30", on the neighbourhood's clock (contracts/shanghai-time.ts, as the server says it). */
export const dayAndTime = monthDayTime

/** "2026年11月28日" */
export const fullDate = fullDateText
