import fs from 'node:fs'

/**
 * What a client learns from one call: the server answered ok (the write is acknowledged), it
 * answered with an error envelope, or it never answered (down, reset, timed out) — then the
 * client cannot know whether the write happened and must retry it idempotently.
 */
export type Outcome<T> =
  | { kind: 'ok'; status: number; data: T }
  | { kind: 'refused'; status: number; code: string; message: string }
  | { kind: 'down'; error: string }

export async function call<T = unknown>(
  url: string,
  token: string | undefined,
  fn: string,
  action: string,
  data: unknown = {},
  timeoutMs = 20_000,
): Promise<Outcome<T>> {
  try {
    const response = await fetch(`${url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ action, data }),
      signal: AbortSignal.timeout(timeoutMs),
    })
    const text = await response.text()
    let body: { ok: boolean; data?: T; error?: { code: string; message: string } }
    try {
      body = JSON.parse(text)
    } catch {
      // A proxy's or a dying server's half answer is not an acknowledgement.
      return { kind: 'down', error: `unparsable ${response.status} answer` }
    }
    if (body.ok) return { kind: 'ok', status: response.status, data: body.data as T }
    return {
      kind: 'refused',
      status: response.status,
      code: body.error?.code ?? 'UNKNOWN',
      message: body.error?.message ?? '',
    }
  } catch (error) {
    return {
      kind: 'down',
      error: (error as Error).cause ? String((error as Error & { cause: unknown }).cause) : (error as Error).message,
    }
  }
}

export async function devLogin(url: string, openid: string): Promise<string> {
  const response = await fetch(`${url}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const body = (await response.json()) as { ok: boolean; data: { token: string } }
  if (!body.ok) throw new Error(`login ${openid} failed`)
  return body.data.token
}

/** Log many people in, a few at a time. */
/** Each person signed in through the demo sign-in, `batch` at a time, with their token beside them. */
export async function devLoginAll<P extends { openid: string }>(
  url: string,
  people: readonly P[],
  batch = 25,
): Promise<Array<P & { token: string }>> {
  const signedIn: Array<P & { token: string }> = []
  for (let i = 0; i < people.length; i += batch)
    signedIn.push(
      ...(await Promise.all(
        people.slice(i, i + batch).map(async (person) => ({ ...person, token: await devLogin(url, person.openid) })),
      )),
    )
  return signedIn
}

export interface Diagnostics {
  realtimeListeners: number
  rssBytes: number
  heapUsedBytes: number
  heapTotalBytes: number
  externalBytes: number
  uptimeSeconds: number
}

/** The server's own counts (`LOUZU_DIAGNOSTICS=1`). */
export async function diagnostics(url: string): Promise<Diagnostics> {
  const response = await fetch(`${url}/api/dev/diagnostics`, { signal: AbortSignal.timeout(10_000) })
  if (!response.ok) throw new Error(`diagnostics: ${response.status}`)
  return (await response.json()) as Diagnostics
}

/** Sockets the process holds open (Linux /proc), an outside view of connection leaks. */
export function openSockets(pid: number): number {
  try {
    return fs.readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')
      } catch {
        return false
      }
    }).length
  } catch {
    return NaN
  }
}

/** A small deterministic PRNG (mulberry32), so a run can be repeated with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export const CHAT_LINES = [
  '各位邻居早上好，今天天气不错。',
  '楼下的快递柜修好了，大家可以去取件了。',
  '明天上午九点电梯检修，请大家错开时间。',
  '谁家有多余的纸箱？我想借几个搬东西用。',
  '收到，谢谢楼组长！',
  '晚上七点楼下一起散步，欢迎大家来。',
  '今天菜场的青菜很新鲜，三块钱一斤。',
]
