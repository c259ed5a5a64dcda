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

/** "11月28日 14:30", on the neighbourhood's clock (contracts/shanghai-time.ts, as the server says it). */
export const dayAndTime = monthDayTime

/** "2026年11月28日" */
export const fullDate = fullDateText
