import { API_BASE } from '../services/origin'
import {
  followBySse,
  type Handler,
  type Timers,
  type Unsubscribe,
  type WatchDeps,
} from '../services/realtime-followers'
import { readStored, STORAGE_KEYS } from '../services/storage'
import { PERSONAL_CHANGES, personalTopic, type PersonalChange } from '../../contracts'

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

/**
 * The person's own topic (contracts/personal-topic.ts) by Server-Sent Events: each `changed` event
 * is passed on; after the connection comes back, everything counts as changed (what happened
 * meanwhile was not kept for us).
 */
export function followPersonal(
  userId: string,
  onChange: (changes: readonly PersonalChange[]) => void,
  timers: Timers,
): Unsubscribe {
  // Without EventSource (an old browser, a test's DOM) the pages still refresh when they show.
  if (typeof EventSource === 'undefined') return () => undefined
  return followBySse(
    personalTopic(userId),
    (event) => {
      if (event.type === 'changed') onChange(event.changes)
      else if (event.type === 'online') onChange(PERSONAL_CHANGES)
    },
    undefined,
    {
      open: (url) => new EventSource(url),
      closedState: typeof EventSource === 'undefined' ? 2 : EventSource.CLOSED,
      baseUrl: API_BASE,
      token: () => readStored<string>(STORAGE_KEYS.token, ''),
      timers,
    },
  )
}
