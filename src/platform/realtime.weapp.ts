import Taro from '@tarojs/taro'
import {
  followByWatch,
  type Handler,
  type Timers,
  type Unsubscribe,
  type WatchDeps,
} from '../services/realtime-followers'
import { PERSONAL_CHANGES, type PersonalChange } from '../../contracts'

/**
 * In WeChat a function cannot push to an open mini-program, and the changes of one person are
 * spread over many collections a security rule cannot open to them, so the person's own state is
 * polled while the mini-program is in front: every few seconds everything counts as changed.
 */
const PERSONAL_POLL_MS = 10_000

export type ChatFeed = Pick<WatchDeps, 'updates' | 'currentCursor'>

/**
 * In WeChat: CloudBase database `watch()` on the group's messages newer than the cursor, used as a
 * signal only: each change makes us fetch `chat.updates` through the function (`feed`).
 */
export function follow(
  topic: string,
  handler: Handler,
  after: number | undefined,
  timers: Timers,
  feed: ChatFeed,
): Unsubscribe {
  return followByWatch(topic, handler, after, {
    timers,
    watch(groupId, cursor, callbacks) {
      const db = Taro.cloud.database()
      const _ = db.command
      // The `messages` security rule needs groupId with == in the query (see chat.collections.ts).
      return db
        .collection('messages')
        .where({ groupId, version: _.gt(cursor) })
        .watch(callbacks)
    },
    ...feed,
  })
}

/** The person's own state, polled (see PERSONAL_POLL_MS); the pages fetch on each tick. */
export function followPersonal(
  _userId: string,
  onChange: (changes: readonly PersonalChange[]) => void,
  timers: Timers,
): Unsubscribe {
  let shown = true
  const show = () => {
    if (!shown) onChange(PERSONAL_CHANGES)
    shown = true
  }
  const hide = () => {
    shown = false
  }
  // App show/hide events are missing from some runtimes (the test simulator): then it simply polls.
  const appEvents = typeof Taro.onAppShow === 'function' && typeof Taro.onAppHide === 'function'
  if (appEvents) {
    Taro.onAppShow(show)
    Taro.onAppHide(hide)
  }
  const timer = timers.setInterval(() => {
    if (shown) onChange(PERSONAL_CHANGES)
  }, PERSONAL_POLL_MS)
  return () => {
    timers.clearInterval(timer)
    if (appEvents) {
      Taro.offAppShow(show)
      Taro.offAppHide(hide)
    }
  }
}
