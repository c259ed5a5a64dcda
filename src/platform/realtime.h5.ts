import { API_BASE } from '../services/origin'
import {
  followBySse,
  type Handler,
  type Timers,
  type Unsubscribe,
  type WatchDeps,
} from '../services/realtime-followers'
import { readStored, STORAGE_KEYS } from '../services/storage'

/** The chat reads a mini-program's watch falls back on (unused in the browser). */
export type ChatFeed = Pick<WatchDeps, 'updates' | 'currentCursor'>

/**
 * In the browser: Server-Sent Events from the local runtime's `/api/realtime`. The stream replays
 * what was missed after `after` (and, on every reconnect, after the last event id), then goes live.
 */
export function follow(
  topic: string,
  handler: Handler,
  after: number | undefined,
  timers: Timers,
  _feed: ChatFeed,
): Unsubscribe {
  return followBySse(topic, handler, after, {
    open: (url) => new EventSource(url),
    closedState: typeof EventSource === 'undefined' ? 2 : EventSource.CLOSED,
    baseUrl: API_BASE,
    token: () => readStored<string>(STORAGE_KEYS.token, ''),
    timers,
  })
}
