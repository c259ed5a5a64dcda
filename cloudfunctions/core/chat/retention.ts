import { getGroup } from '../groups/groups.repository'
import { DEFAULT_MEDIA_RETENTION_DAYS } from '../../../contracts'
import type { GroupDoc } from '../groups/groups.docs'
import type { Deps } from '../shared/ports'
import { deleteMediaFiles } from './media-files'
import { changeMessage, publishChange } from './messages'
import { messageViews } from './views'

const DAY_MS = 24 * 60 * 60 * 1000
/** Messages expired per page: one query, then one small transaction each. */
const PAGE = 200

/** The retention period: `MEDIA_RETENTION_DAYS` (whole days, at least 1) or a year. */
export function retentionDays(setting: string | undefined): number {
  const days = Number(setting)
  return Number.isInteger(days) && days >= 1 ? days : DEFAULT_MEDIA_RETENTION_DAYS
}

export interface RetentionRun {
  expired: number
  bytes: number
}

/**
 * Photos and voice messages older than the retention period lose their files: deleted from
 * storage, the message kept (its place, sender and time) saying 图片已过期 / 语音已过期, and a
 * change published so open conversations show it. Run by the housekeeping timer; each run takes
 * at most `maxPages` pages so a first run on a large backlog does not outlast the function.
 */
export async function expireOldMedia(
  deps: Pick<Deps, 'store' | 'clock' | 'media' | 'log' | 'realtime'>,
  options: { days: number; maxPages?: number },
): Promise<RetentionRun> {
  const cutoff = deps.clock.now() - options.days * DAY_MS
  const run: RetentionRun = { expired: 0, bytes: 0 }
  const groups = new Map<string, GroupDoc | null>()
  for (let page = 0; page < (options.maxPages ?? 10); page++) {
    const due = await deps.store.find(
      'messages',
      { kind: { $in: ['image', 'voice'] }, createdAt: { $lt: cutoff }, media: { $ne: null } },
      { orderBy: [['createdAt', 'asc']], limit: PAGE },
    )
    const withFiles = due.filter((doc) => doc.media)
    for (const doc of withFiles) {
      const {
        doc: next,
        changed,
        previous,
      } = await changeMessage(deps, doc._id, (current, _version, now) =>
        current.media ? { media: null, mediaExpiredAt: now } : null,
      )
      if (!changed) continue
      await deleteMediaFiles(deps, [previous])
      run.expired += 1
      run.bytes += previous.media?.bytes ?? 0
      if (!groups.has(next.groupId)) groups.set(next.groupId, await getGroup(deps.store, next.groupId))
      const group = groups.get(next.groupId)
      if (group) {
        const [view] = await messageViews(deps.store, group, [next])
        if (view) publishChange(deps, 'expired', view)
      }
    }
    if (due.length < PAGE) break
  }
  return run
}
