import { useMemo } from 'react'
import { NEIGHBOURHOOD_AUDIENCE_NAME, type AnnouncementAudience, type AnnouncementDetail } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { accountApi } from '../account/api'
import { announcementsApi } from './api'

export interface AudienceChoice {
  label: string
  audience: AnnouncementAudience
}

/** The notice being edited (nothing to load when writing a new one). */
export function useNoticeToEdit(announcementId: string | null) {
  return useRemote(() => announcementsApi.get({ announcementId: announcementId ?? '' }), [announcementId], {
    enabled: !!announcementId,
  })
}

/** Leaders choose among the buildings they lead; the committee among all, or the whole neighbourhood. */
export function useAudienceChoices(committee: boolean, led: string[]) {
  const buildings = useRemote(() => accountApi.listBuildings(), [])
  const choices = useMemo<AudienceChoice[]>(() => {
    const all = (buildings.data?.estates ?? []).flatMap((e) =>
      e.buildings.map((b) => ({ buildingId: b.buildingId, label: `${e.name} ${b.name}` })),
    )
    const mine = all
      .filter((b) => led.includes(b.buildingId))
      .map((b) => ({ label: b.label, audience: { buildingId: b.buildingId } }))
    if (!committee) return mine
    const others = all
      .filter((b) => !led.includes(b.buildingId))
      .map((b) => ({ label: b.label, audience: { buildingId: b.buildingId } }))
    return [
      ...mine,
      { label: `${NEIGHBOURHOOD_AUDIENCE_NAME}（所有楼）`, audience: 'neighbourhood' as const },
      ...others,
    ]
  }, [buildings.data, committee, led])
  return { buildings, choices }
}

export interface NoticeFields {
  title: string
  body: string
  pinned: boolean
  urgent: boolean
  expiresAt: number | null
}

/** Publish a new notice to `audience`, or save the changes to `editing`; resolves with the notice as saved. */
export function usePublishNotice(editing: AnnouncementDetail | undefined, audience: AnnouncementAudience | undefined) {
  return useAction(async ({ title, body, pinned, urgent, expiresAt }: NoticeFields): Promise<AnnouncementDetail> => {
    if (editing) {
      // Only what changed: an expired notice can then be fixed without touching its old expiry.
      return announcementsApi.edit({
        announcementId: editing.announcementId,
        ...(title !== editing.title ? { title } : {}),
        ...(body !== editing.body ? { body } : {}),
        ...(pinned !== editing.pinned ? { pinned } : {}),
        ...(urgent !== editing.urgent ? { urgent } : {}),
        ...(expiresAt !== (editing.expiresAt ?? null) ? { expiresAt } : {}),
      })
    }
    if (!audience) throw new Error('no audience')
    return announcementsApi.publish({
      audience,
      title,
      body,
      pinned,
      urgent,
      ...(expiresAt !== null ? { expiresAt } : {}),
    })
  })
}
