/** Matches the server's name for an account that has not chosen a nickname yet. */
export const NEW_USER_NICKNAME = '新邻居'

export interface JoinLink {
  buildingId: string
  code?: string
}

/**
 * The lobby poster's QR code opens onboarding with the building and its join code: `?b=…&c=…` in
 * the browser; in WeChat a scanned 普通链接二维码 arrives as `q` (the whole URL, encoded).
 */
export function parseJoinLink(params: Record<string, string | undefined>): JoinLink | null {
  let b = params.b
  let c = params.c
  if (!b && params.q) {
    try {
      const url = decodeURIComponent(params.q)
      const query = url.split('?')[1] ?? ''
      for (const pair of query.split('&')) {
        const [key, value] = pair.split('=')
        if (key === 'b') b = decodeURIComponent(value ?? '')
        if (key === 'c') c = decodeURIComponent(value ?? '')
      }
    } catch {
      return null
    }
  }
  if (!b || !/^[A-Za-z0-9_-]{1,64}$/.test(b)) return null
  return { buildingId: b, ...(c && /^\d{6}$/.test(c) ? { code: c } : {}) }
}

/** What the poster's QR code holds. */
export function joinLinkUrl(base: string, buildingId: string, code: string): string {
  return `${base}?b=${encodeURIComponent(buildingId)}&c=${encodeURIComponent(code)}`
}
