import { createContext, useCallback, useContext, useEffect, useMemo, useState, type PropsWithChildren } from 'react'
import { PRIVACY_NOTICE_VERSION, type MeView } from '../../../contracts'
import { ApiError, messageOf } from '../../services/api-error'
import { subscribePersonal } from '../../services/realtime'
import { hasSession, signOut as dropSession } from '../../services/session'
import { readStored, STORAGE_KEYS, writeStored } from '../../services/storage'
import { accountApi } from './api'
import { tellPersonalChanges } from './personal-changes'

export type SessionStatus = 'loading' | 'signed-out' | 'ready' | 'error'

export interface Session {
  status: SessionStatus
  me: MeView | null
  error: string | null
  /** Large text applies before `me` arrives (remembered on the device), then follows the profile. */
  largeText: boolean
  refresh(): Promise<MeView | null>
  setMe(me: MeView): void
  signOut(): void
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: PropsWithChildren) {
  const [status, setStatus] = useState<SessionStatus>(hasSession() ? 'loading' : 'signed-out')
  const [me, setMeState] = useState<MeView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [largeText, setLargeText] = useState<boolean>(() => readStored<boolean>(STORAGE_KEYS.largeText, false))

  const setMe = useCallback((next: MeView) => {
    setMeState(next)
    setStatus('ready')
    setError(null)
    setLargeText(next.settings.largeText)
    writeStored(STORAGE_KEYS.largeText, next.settings.largeText)
  }, [])

  const refresh = useCallback(async () => {
    if (!hasSession()) {
      setStatus('signed-out')
      return null
    }
    try {
      const next = await accountApi.me()
      setMe(next)
      return next
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'AUTH.UNAUTHENTICATED' || e.code === 'ACCOUNT.DELETED')) {
        dropSession()
        setMeState(null)
        setStatus('signed-out')
        return null
      }
      setError(messageOf(e))
      setStatus('error')
      return null
    }
  }, [setMe])

  const signOut = useCallback(() => {
    dropSession()
    setMeState(null)
    setStatus('signed-out')
  }, [])

  useEffect(() => {
    void refresh()
  }, [refresh])

  // Follow what changes for me while signed in: my membership and roles come back at once here;
  // the rest (unread counts, badges) is told to the hooks that show it.
  const userId = me?.userId
  useEffect(() => {
    if (!userId) return
    return subscribePersonal(userId, (changes) => {
      if (changes.includes('membership') || changes.includes('roles')) void refresh()
      tellPersonalChanges(changes)
    })
  }, [userId, refresh])

  const value = useMemo<Session>(
    () => ({ status, me, error, largeText, refresh, setMe, signOut }),
    [status, me, error, largeText, refresh, setMe, signOut],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

export function needsPrivacyConsent(me: MeView | null): boolean {
  return !!me && me.privacyAcceptedVersion !== PRIVACY_NOTICE_VERSION
}

export function isVerified(me: MeView | null): boolean {
  return me?.membership?.status === 'verified'
}
