import type { Skill } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { requestSubscriptions } from '../notifications/subscribe'
import { buddiesApi } from './api'

export type HelpListTab = 'open' | 'helping' | 'mine' | 'building'

/** One tab of the help board: requests open to me, those I help with, mine, or my building's (leaders). */
export function useHelpRequests(tab: HelpListTab, buildingId?: string) {
  return useRemote(
    () =>
      buddiesApi.listHelpRequests(
        tab === 'building' ? { scope: 'building', buildingId: buildingId ?? '' } : { scope: tab },
      ),
    [tab, buildingId],
  )
}

/** My volunteer hours. */
export function useMyHours() {
  return useRemote(() => buddiesApi.myHours(), [])
}

export interface HelpAsk {
  skill: Skill
  when: string
  note: string
  /** A leader or the committee asking for a neighbour who does not use the phone. */
  onBehalfOf?: { buildingId: string; room: string }
}

/** Ask the buddies for help; resolves with the new request. */
export function useAskForHelp() {
  return useAction(async ({ skill, when, note, onBehalfOf }: HelpAsk) => {
    // On the tap itself (WeChat shows its prompt only in answer to one): may we tell the asker on
    // WeChat when a buddy offers? A refusal only means the in-app notice.
    const grant = requestSubscriptions(['helpUpdate'])
    const request = await buddiesApi.requestHelp({
      skill,
      when: when.trim(),
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(onBehalfOf ? { onBehalfOf: { buildingId: onBehalfOf.buildingId, room: onBehalfOf.room.trim() } } : {}),
    })
    await grant
    return request
  })
}
