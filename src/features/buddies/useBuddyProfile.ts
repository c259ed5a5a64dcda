import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { buddiesApi } from './api'
import type { ProfileDraft } from './ProfileForm'

/** My buddy profile (null when I have not signed up) and my groups; loads only when `enabled`. */
export function useMyBuddyProfile(enabled = true) {
  return useRemote(() => buddiesApi.myProfile(), [], { enabled })
}

/** Sign up as a buddy (with consent), or save changes to my profile when I already am one. */
export function useSaveBuddyProfile(signedUp: boolean) {
  return useAction(async (draft: ProfileDraft) => {
    if (signedUp) await buddiesApi.update(draft)
    else await buddiesApi.signUp({ ...draft, consent: true })
  })
}

/** Stop being a buddy: the profile goes, and with it every group (volunteer hours stay). */
export function useWithdrawBuddy() {
  return useAction(() => buddiesApi.withdraw({ confirm: true }))
}
