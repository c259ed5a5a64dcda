import { useStoredDraft, type DraftSetter } from '../../hooks/useStoredDraft'
import { useSession } from './session'

/**
 * A form (and field) whose unsent words are kept: `announcement:title`, `chat:<groupId>`,
 * `health-answer:<questionId>`, …
 */
export type DraftForm = string

/** Where a person's draft of a form is kept on the device: per person, so a shared phone mixes nothing. */
export function draftKey(userId: string, form: DraftForm): string {
  return `louzu.draft.${userId}.${form}`
}

/**
 * What the signed-in person has typed into a form, kept on the device until it is sent
 * (`clear()`): a refresh, leaving and coming back, or a closed mini-program loses nothing.
 */
export function useDraft<T>(form: DraftForm | null, empty: T): [T, DraftSetter<T>, () => void] {
  const { me } = useSession()
  return useStoredDraft(me && form ? draftKey(me.userId, form) : null, empty)
}
