import { EVENT_DETAIL_PAGE } from '../../../contracts'
import type { Deps } from '../shared/ports'
import type { EventDoc, ReminderKind } from './events.docs'
import { describeTime } from '../../../contracts/shanghai-time'

/** What people are told about events. Notifications outlive accounts, so they name no one. */

export function eventLink(eventId: string): string {
  return `${EVENT_DETAIL_PAGE}?id=${eventId}`
}

function when(event: EventDoc): string {
  return `${describeTime(event.startAt)}，${event.place}`
}

export async function notifyPromoted(
  deps: Pick<Deps, 'notifier'>,
  event: EventDoc,
  userIds: readonly string[],
): Promise<void> {
  if (!userIds.length) return
  await deps.notifier.notify(userIds, {
    kind: 'event',
    templateKey: 'eventUpdate',
    title: `候补成功：${event.title}`,
    body: `有邻居取消了报名，您已从候补转为确认参加：${when(event)}。如不能参加，请在活动页取消报名，把名额让给其他邻居。`,
    link: eventLink(event._id),
  })
}

export async function notifyCancelled(
  deps: Pick<Deps, 'notifier'>,
  event: EventDoc,
  userIds: readonly string[],
  reason: string,
): Promise<void> {
  if (!userIds.length) return
  await deps.notifier.notify(userIds, {
    kind: 'event',
    templateKey: 'eventUpdate',
    title: `活动取消：${event.title}`,
    body: `原定 ${when(event)} 的活动已取消。原因：${reason}`,
    link: eventLink(event._id),
    urgent: true,
  })
}

export async function notifyChanged(
  deps: Pick<Deps, 'notifier'>,
  event: EventDoc,
  userIds: readonly string[],
): Promise<void> {
  if (!userIds.length) return
  await deps.notifier.notify(userIds, {
    kind: 'event',
    templateKey: 'eventUpdate',
    title: `活动有变动：${event.title}`,
    body: `时间或地点已更新，现在是：${when(event)}。您的报名仍然有效。`,
    link: eventLink(event._id),
  })
}

export async function notifyReminder(
  deps: Pick<Deps, 'notifier'>,
  event: EventDoc,
  userIds: readonly string[],
  kind: ReminderKind,
): Promise<void> {
  if (!userIds.length) return
  await deps.notifier.notify(userIds, {
    kind: 'eventReminder',
    templateKey: 'eventReminder',
    title: kind === '2h' ? `还有 2 小时：${event.title}` : `活动提醒：${event.title}`,
    body: `${when(event)}。${kind === '2h' ? '请准时到场，' : ''}不能参加的话请在活动页取消报名，把名额让给邻居。`,
    link: eventLink(event._id),
  })
}
