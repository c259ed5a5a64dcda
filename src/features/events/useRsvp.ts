import { RSVP_STALE_CODES, type EventDetail, type RsvpResult } from '../../../contracts'
import { useAction, type Outcome } from '../../hooks/useAction'
import { eventsApi } from './api'
import { askForEventMessages } from './subscribe'

export interface SignUp {
  partySize: number
  /** Answers to the organiser's questions, by question id; blank ones are left out. */
  answers: Record<string, string>
}

/**
 * Signing up for an event and cancelling: each action hands the event as it now stands to
 * `onChange`, and a refusal that means "this page is out of date" (RSVP_STALE_CODES, or any failed
 * cancel) asks the page to load it again through `onStale`.
 */
export function useRsvp(event: EventDetail, onChange: (event: EventDetail) => void, onStale: () => void) {
  const signUp = useAction(async ({ partySize, answers }: SignUp): Promise<RsvpResult> => {
    // WeChat shows its subscribe prompt only from a tap: ask first, then sign up whatever the answer.
    await askForEventMessages()
    const filled = Object.fromEntries(Object.entries(answers).filter(([, v]) => v.trim()))
    return eventsApi.rsvp({
      eventId: event.eventId,
      partySize,
      ...(event.questions.length ? { answers: filled } : {}),
    })
  })
  const cancel = useAction(() => eventsApi.cancelRsvp({ eventId: event.eventId }))

  return {
    signUp: {
      ...signUp,
      async run(input: SignUp): Promise<Outcome<RsvpResult>> {
        const outcome = await signUp.run(input)
        if (outcome.ok) onChange(outcome.value.event)
        else if ((RSVP_STALE_CODES as readonly string[]).includes(outcome.failure.code ?? '')) onStale()
        return outcome
      },
    },
    cancel: {
      ...cancel,
      async run(): Promise<boolean> {
        const outcome = await cancel.run()
        if (outcome.ok) onChange(outcome.value.event)
        else onStale()
        return outcome.ok
      },
    },
  }
}
