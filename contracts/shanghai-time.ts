/**
 * The neighbourhood's wall clock, for both ends. Shanghai is UTC+8 all year (China has no daylight
 * saving), so a fixed offset is exact, and neither the server's time zone (UTC on CloudBase) nor
 * the phone's matters.
 */
const OFFSET_MS = 8 * 3600 * 1000
export const DAY_MS = 24 * 3600 * 1000
export const WEEK_MS = 7 * DAY_MS

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

function wall(ms: number): Date {
  return new Date(ms + OFFSET_MS)
}

/** The same wall-clock time `months` calendar months later; the 31st becomes the month's last day. */
export function addMonths(ms: number, months: number): number {
  const d = wall(ms)
  const day = d.getUTCDate()
  const target = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + months,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  )
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.getTime() - OFFSET_MS
}

function two(n: number): string {
  return String(n).padStart(2, '0')
}

/** 11月29日（周六）14:30 */
export function describeTime(ms: number): string {
  const d = wall(ms)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日（周${WEEKDAYS[d.getUTCDay()]}）${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** 2026-11-29 14:30, for spreadsheets. */
export function isoMinute(ms: number): string {
  const d = wall(ms)
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** 2026-11-29 */
export function isoDate(ms: number): string {
  return isoMinute(ms).slice(0, 10)
}

/** 2026-11, the month a moment falls in. */
export function shanghaiMonth(ms: number): string {
  return isoMinute(ms).slice(0, 7)
}

/** 11月29日 14:30 */
export function monthDayTime(ms: number): string {
  const d = wall(ms)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** 2026年11月29日 */
export function fullDateText(ms: number): string {
  const d = wall(ms)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** `days` days after the Shanghai date of `ms`, at hh:mm Shanghai time. */
export function shanghaiDayAt(ms: number, days: number, hour: number, minute = 0): number {
  const d = wall(ms)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days, hour, minute) - OFFSET_MS
}

/** 2026年12月1日 14:05 */
export function fullDateTimeText(ms: number): string {
  const d = wall(ms)
  return `${fullDateText(ms)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}
