import type { RealtimePublisher } from '../../core/shared/ports'

export interface RealtimeEvent {
  topic: string
  type: string
  cursor?: string
  payload: unknown
}

type Listener = (event: RealtimeEvent) => void

/** In-process pub/sub behind the local SSE endpoint. */
export class RealtimeHub implements RealtimePublisher {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly watchers = new Map<string, Set<() => void>>()

  /** Tell the person's open streams to re-check their standing now (see RealtimePublisher). */
  revoke(userId: string): void {
    for (const recheck of [...(this.watchers.get(userId) ?? [])]) recheck()
  }

  /** A stream of this person's registers how to re-check itself; call the result when it closes. */
  watchPerson(userId: string, recheck: () => void): () => void {
    let set = this.watchers.get(userId)
    if (!set) this.watchers.set(userId, (set = new Set()))
    set.add(recheck)
    return () => {
      const current = this.watchers.get(userId)
      if (!current) return
      current.delete(recheck)
      if (!current.size) this.watchers.delete(userId)
    }
  }

  publish(topic: string, event: { type: string; cursor?: string; payload: unknown }): void {
    const listeners = this.listeners.get(topic)
    if (!listeners) return
    for (const listener of [...listeners]) listener({ topic, ...event })
  }

  subscribe(topics: readonly string[], listener: Listener): () => void {
    for (const topic of topics) {
      let set = this.listeners.get(topic)
      if (!set) this.listeners.set(topic, (set = new Set()))
      set.add(listener)
    }
    return () => {
      for (const topic of topics) {
        const set = this.listeners.get(topic)
        if (!set) continue
        set.delete(listener)
        if (!set.size) this.listeners.delete(topic)
      }
    }
  }

  listenerCount(): number {
    let n = 0
    for (const set of this.listeners.values()) n += set.size
    return n
  }
}
