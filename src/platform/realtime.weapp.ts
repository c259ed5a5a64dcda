import Taro from '@tarojs/taro'
import {
  followByWatch,
  type Handler,
  type Timers,
  type Unsubscribe,
  type WatchDeps,
} from '../services/realtime-followers'

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
