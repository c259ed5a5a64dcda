import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

dayjs.locale('zh-cn')

/** How a chat time reads: 14:30 today, 昨天 09:12, 11月28日 14:30, or with the year when not this one. */
export function chatTime(ms: number, now: number = Date.now()): string {
  const at = dayjs(ms)
  const today = dayjs(now)
  if (at.isSame(today, 'day')) return at.format('HH:mm')
  if (at.isSame(today.subtract(1, 'day'), 'day')) return `昨天 ${at.format('HH:mm')}`
  if (at.isSame(today, 'year')) return at.format('M月D日 HH:mm')
  return at.format('YYYY年M月D日 HH:mm')
}

/** A time divider goes between messages more than five minutes apart. */
export function needsDivider(previous: number | undefined, current: number): boolean {
  return previous === undefined || current - previous > 5 * 60_000
}

/** Split text so each `@name` of a mentioned person can be shown highlighted. */
export function mentionSegments(text: string, names: readonly string[]): Array<{ text: string; mention: boolean }> {
  const wanted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length).map((n) => `@${n}`)
  if (!wanted.length) return [{ text, mention: false }]
  const segments: Array<{ text: string; mention: boolean }> = []
  let rest = text
  while (rest) {
    let best = -1
    let found = ''
    for (const tag of wanted) {
      const at = rest.indexOf(tag)
      if (at >= 0 && (best < 0 || at < best)) {
        best = at
        found = tag
      }
    }
    if (best < 0) {
      segments.push({ text: rest, mention: false })
      break
    }
    if (best > 0) segments.push({ text: rest.slice(0, best), mention: false })
    segments.push({ text: found, mention: true })
    rest = rest.slice(best + found.length)
  }
  return segments
}

const FIRST_COLOUR = '#c0563f'
const AVATAR_COLOURS = [FIRST_COLOUR, '#3d7a5c', '#3b6aa0', '#8a5a9e', '#b07d2a', '#2f7f85', '#a04a6a', '#5b6b2f']

/** A steady colour per person for their round name badge. */
export function avatarColour(userId: string): string {
  let hash = 0
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0
  return AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? FIRST_COLOUR
}

/** The character on the round badge: the surname, as neighbours address each other (王阿姨 → 王). */
export function avatarText(name: string): string {
  return [...name][0] ?? '邻'
}
