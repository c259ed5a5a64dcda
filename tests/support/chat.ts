import type { GroupRole } from '../../cloudfunctions/core/groups/groups.docs'
import type { MessageView } from '../../contracts'
import type { ApiClient, TestRuntime } from './runtime'

let clientSeq = 0
/** A fresh clientId, as the app makes one per composed message. */
export function newClientId(): string {
  return `t-${Date.now().toString(36)}-${++clientSeq}`.padEnd(8, '0')
}

export async function say(
  client: ApiClient,
  groupId: string,
  text: string,
  extra: Record<string, unknown> = {},
): Promise<MessageView> {
  return client.ok<MessageView>('chat', 'send', { groupId, clientId: newClientId(), text, ...extra })
}

export async function historyOf(client: ApiClient, groupId: string, data: Record<string, unknown> = {}) {
  return client.ok<{
    items: MessageView[]
    nextBefore?: number
    nextAfter?: number
    cursor: number
    latestSeq: number
    readUpTo: number
  }>('chat', 'history', { groupId, ...data })
}

let groupSeq = 0
/** An interest group (as the buddies feature will create them), written straight into the store. */
export async function interestGroup(
  t: TestRuntime,
  members: Array<{ userId: string; role: GroupRole }>,
  name = '太极拳小组',
): Promise<string> {
  const store = t.runtime.deps.store
  const now = t.runtime.deps.clock.now()
  const groupId = `ig-test-${++groupSeq}`
  await store.insert('groups', {
    _id: groupId,
    kind: 'interest',
    buildingId: null,
    name,
    description: '测试用兴趣小组',
    createdAt: now,
    createdBy: members[0]?.userId ?? 'test',
  })
  for (const { userId, role } of members) {
    await store.insert('group_members', {
      _id: `${groupId}:${userId}`,
      groupId,
      userId,
      role,
      joinedAt: now,
    })
  }
  return groupId
}

export interface SseEvent {
  id?: string
  event: string
  data: any
}

/**
 * A Server-Sent Events client over real HTTP (what EventSource does, without the browser):
 * collects events; `next(n)` waits until n events of the given types have arrived.
 */
export class SseClient {
  readonly events: SseEvent[] = []
  status = 0
  body = ''
  private controller = new AbortController()
  private waiters: Array<() => void> = []
  private ended = false

  static async open(
    baseUrl: string,
    token: string | undefined,
    query: string,
    headers: Record<string, string> = {},
  ): Promise<SseClient> {
    const client = new SseClient()
    const url = `${baseUrl}/api/realtime?${query}${token ? `&token=${encodeURIComponent(token)}` : ''}`
    const response = await fetch(url, { headers, signal: client.controller.signal })
    client.status = response.status
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
      client.body = await response.text()
      client.ended = true
      return client
    }
    void client.pump(response.body!)
    return client
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder()
    let buffer = ''
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event: Partial<SseEvent> & { lines: string[] } = { lines: [] }
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line) continue
            const colon = line.indexOf(':')
            const field = line.slice(0, colon)
            const value = line.slice(colon + 1).replace(/^ /, '')
            if (field === 'id') event.id = value
            else if (field === 'event') event.event = value
            else if (field === 'data') event.lines.push(value)
          }
          if (!event.event && !event.lines.length) continue
          this.events.push({
            id: event.id,
            event: event.event ?? 'message',
            data: event.lines.length ? JSON.parse(event.lines.join('\n')) : null,
          })
          this.wake()
        }
      }
    } catch {
      // aborted by close()
    }
    this.ended = true
    this.wake()
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter()
  }

  get isEnded(): boolean {
    return this.ended
  }

  /** Events other than the bookkeeping ones (`ready`). */
  of(types: readonly string[] = ['message', 'recalled', 'hidden']): SseEvent[] {
    return this.events.filter((e) => types.includes(e.event))
  }

  /** Wait (bounded by the test timeout) until `predicate` holds. */
  async until(predicate: (client: SseClient) => boolean): Promise<void> {
    while (!predicate(this)) {
      if (this.ended) throw new Error(`stream ended; events so far: ${JSON.stringify(this.events.map((e) => e.event))}`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  async untilEnded(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve))
  }

  lastId(): string | undefined {
    for (let i = this.events.length - 1; i >= 0; i--) {
      const id = this.events[i]?.id
      if (id) return id
    }
    return undefined
  }

  close(): void {
    this.controller.abort()
  }
}
