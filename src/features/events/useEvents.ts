import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { eventsApi } from './api'

/** Events coming up for me: all I may join, or only my building's or my groups'. */
export function useEventList(audience: 'all' | 'building' | 'groups') {
  return useRemote(() => eventsApi.list({ audience }), [audience])
}

/** Where I may publish an event (empty: I may not); loads only when `enabled`. */
export function usePublishableAudiences(enabled = true) {
  return useRemote(() => eventsApi.audiences(), [], { enabled })
}

/** Events I signed up for, waiting for, or went to. */
export function useMyEvents() {
  return useRemote(() => eventsApi.mine(), [])
}

/** The event being edited (nothing to load when creating one). */
export function useEventToEdit(eventId: string | undefined) {
  return useRemote(() => eventsApi.get({ eventId: eventId ?? '' }), [eventId], { enabled: !!eventId })
}

/** Check in with the six digits under the organiser's QR code; resolves with the event. */
export function useCheckIn() {
  return useAction(async (eventId: string, code: string) => (await eventsApi.checkIn({ eventId, code })).event)
}
