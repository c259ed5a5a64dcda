import { linkInto } from '../../platform/device'
import { buildSetting } from './build-config'
import { EVENT_ROUTES } from './routes'

/**
 * What the organiser's check-in QR code holds: the event and the current code. In the browser a
 * link to the scan page (a phone camera opens it); in WeChat the HTTPS link registered for
 * 扫普通链接二维码打开小程序 (TARO_APP_CHECKIN_URL) — the in-app 扫码签到 reads either.
 */
export function checkInLink(eventId: string, code: string): string {
  const base = linkInto(
    EVENT_ROUTES.scan,
    buildSetting(() => process.env.TARO_APP_CHECKIN_URL) ?? 'https://louzu.example.cn/checkin',
  )
  return `${base}?e=${encodeURIComponent(eventId)}&c=${encodeURIComponent(code)}`
}

export interface CheckInPayload {
  eventId?: string
  code?: string
}

/** Read `e` and `c` from a scanned text, a link, or page params (`q` = a scanned link, encoded). */
export function parseCheckIn(input: string | Record<string, string | undefined>): CheckInPayload {
  let e: string | undefined
  let c: string | undefined
  const read = (text: string) => {
    const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text
    for (const pair of query.split('&')) {
      const [key, value = ''] = pair.split('=')
      try {
        if (key === 'e') e = decodeURIComponent(value)
        if (key === 'c') c = decodeURIComponent(value)
      } catch {
        // a malformed scan: ignore that part
      }
    }
  }
  if (typeof input === 'string') read(input)
  else {
    e = input.e
    c = input.c
    if (!e && input.q) {
      try {
        read(decodeURIComponent(input.q))
      } catch {
        // not a link of ours
      }
    }
  }
  return {
    ...(e && /^[A-Za-z0-9_-]{1,64}$/.test(e) ? { eventId: e } : {}),
    ...(c && /^\d{6}$/.test(c) ? { code: c } : {}),
  }
}
