import { groupTopic } from '../../contracts'
import { candidateGroupIds } from './chat/groups'
import { nextPersonalStamp } from './shared/personal-topic'
import type { TopicSource } from './shared/realtime-topics'

/**
 * `me:<userId>` topics (see shared/personal-topic.ts): only the person themself may follow theirs.
 * There is no history to replay — a page that (re)connects fetches its state anyway — so the
 * cursor is a growing time stamp. New messages in the person's own groups reach the topic as a
 * bare `chat` signal, so unread counts move while they sit on another page.
 */
export const personalTopicSource: TopicSource = {
  async mayRead(_deps, caller, userId) {
    return caller.userId === userId
  },
  async currentCursor(deps) {
    return deps.clock.now() - 1
  },
  async changesSince() {
    return { events: [], more: false }
  },
  async relays(deps, caller) {
    const { own } = await candidateGroupIds(deps.store, caller)
    return {
      topics: own.map(groupTopic),
      signal: { type: 'changed', payload: { changes: ['chat'] }, cursor: nextPersonalStamp },
    }
  },
}
