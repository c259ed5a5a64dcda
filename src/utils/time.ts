import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** "3 分钟前", "2 天前" — how people say it. */
export function fromNow(ms: number): string {
  return dayjs(ms).fromNow()
}

/** "11月28日 14:30" */
export function dayAndTime(ms: number): string {
  return dayjs(ms).format('M月D日 HH:mm')
}

export function fullDate(ms: number): string {
  return dayjs(ms).format('YYYY年M月D日')
}
