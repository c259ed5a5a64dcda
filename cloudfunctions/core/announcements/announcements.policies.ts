import { isAdminCaller, verifiedBuildingOf, type Caller } from '../shared/caller'
import { rule, type PolicyVerdict } from '../shared/policy'
import { leadsAnyBuilding, mayManage, mayPublishTo, maySeeReach } from './access'
import type { AnnouncementDoc } from './announcements.docs'

const FORBIDDEN: PolicyVerdict = { code: 'AUTH.FORBIDDEN' }

export const publisher = rule<{ audience: 'neighbourhood' | { buildingId: string } }>(
  '本楼楼组长（仅本楼）或居委会（任何楼组或全居民区）',
  (caller, input) => (mayPublishTo(caller, input.audience) ? true : FORBIDDEN),
)

export const feedReader = rule<unknown>('已认证的居民、楼组长或居委会', (caller) =>
  verifiedBuildingOf(caller) || leadsAnyBuilding(caller) || isAdminCaller(caller)
    ? true
    : { code: 'AUTH.NOT_VERIFIED' },
)

/**
 * A rule on the stored announcement. Anyone but the committee is refused alike whether the id
 * exists or not, so a refusal never tells that an announcement exists; the committee learns
 * NOT_FOUND from the use case.
 */
function onAnnouncement(describe: string, allowed: (caller: Caller, doc: AnnouncementDoc) => boolean) {
  return rule<{ announcementId: string }>(describe, async (caller, input, deps) => {
    if (isAdminCaller(caller)) return true
    const doc = await deps.store.get('announcements', input.announcementId)
    return doc && allowed(caller, doc) ? true : FORBIDDEN
  })
}

export const announcementManager = onAnnouncement('仍任该楼楼组长的公告作者，或居委会', mayManage)

export const reachViewer = onAnnouncement('公告作者、该楼楼组长或居委会', maySeeReach)
