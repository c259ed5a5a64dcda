import { getGroup } from '../groups/groups.repository'
import type { ChatEvent } from '../../../contracts'
import { groupAccess } from '../groups/access'
import type { TopicSource } from '../shared/realtime-topics'
import { readState } from './counter'
import { changesSince } from './messages'
import { messageViews } from './views'

const TYPE_OF_STATE = { normal: 'message', recalled: 'recalled', hidden: 'hidden', removed: 'removed' } as const

/** `group:<groupId>` topics: readable by the group's members; cursors are the group's change numbers. */
export const groupTopicSource: TopicSource = {
  async mayRead(deps, caller, groupId) {
    return (await groupAccess(deps.store, caller, groupId)) !== null
  },
  async currentCursor(deps, groupId) {
    return (await readState(deps.store, groupId)).version
  },
  async changesSince(deps, groupId, cursor, limit) {
    const group = await getGroup(deps.store, groupId)
    if (!group) return { events: [], more: false }
    const { docs, more } = await changesSince(deps.store, groupId, cursor, limit)
    const views = await messageViews(deps.store, group, docs)
    return {
      events: views.map((message) => {
        const event: ChatEvent = { type: TYPE_OF_STATE[message.state], cursor: message.version, message }
        return { type: event.type, cursor: event.cursor, payload: event }
      }),
      more,
    }
  },
}
