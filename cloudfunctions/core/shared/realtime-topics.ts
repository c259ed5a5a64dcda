import type { Caller } from './caller'
import type { Deps } from './ports'

/** One event on a topic, as the stream sends it; `cursor` only grows within a topic. */
export interface TopicEvent {
  type: string
  cursor: number
  payload: unknown
}

/**
 * A kind of realtime topic (`<kind>:<id>`): who may read it, where it stands now, and what
 * changed after a cursor, so a stream can replay what a reconnecting client missed.
 */
export interface TopicSource {
  /** Whether the caller may read this topic, decided now (membership can end at any moment). */
  mayRead(deps: Deps, caller: Caller, id: string): Promise<boolean>
  /** The latest cursor of the topic. */
  currentCursor(deps: Deps, id: string): Promise<number>
  /** Changes after `cursor`, oldest first, at most `limit`. */
  changesSince(deps: Deps, id: string, cursor: number, limit: number): Promise<{ events: TopicEvent[]; more: boolean }>
  /**
   * Other topics whose changes this one passes on as a bare signal (the personal topic hears of
   * new messages in the person's groups as "your chat changed", never the message itself).
   */
  relays?(deps: Deps, caller: Caller, id: string): Promise<{ topics: string[]; signal: TopicSignal }>
}

/** What a relayed change becomes: an event type and its payload, with a fresh cursor of the relaying topic. */
export interface TopicSignal {
  type: string
  payload: unknown
  cursor(now: number): number
}
