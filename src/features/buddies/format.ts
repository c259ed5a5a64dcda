import type { HelpStatus } from '../../../contracts'

/** 45 → "45 分钟", 90 → "1 小时 30 分钟", 120 → "2 小时". */
export function minutesLabel(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (!hours) return `${rest} 分钟`
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`
}

/** The tag colour for a help request's state. */
export function helpTone(status: HelpStatus): 'ok' | 'warn' | 'bad' | '' {
  if (status === 'completed') return 'ok'
  if (status === 'offered' || status === 'accepted') return 'warn'
  if (status === 'cancelled') return 'bad'
  return ''
}
