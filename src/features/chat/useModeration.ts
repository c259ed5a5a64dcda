import { useState } from 'react'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { chatApi, messageOf } from './api'

/** A group's members, and (moderators) muting one for a while or lifting it; the list reloads after each. */
export function useGroupMembers(groupId: string) {
  const members = useRemote(() => chatApi.listMembers({ groupId }), [groupId], { enabled: !!groupId })
  const [error, setError] = useState<string | null>(null)

  async function act(work: () => Promise<unknown>) {
    setError(null)
    try {
      await work()
      void members.reload()
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return {
    members,
    error,
    clearError: () => setError(null),
    mute: (userId: string, minutes: number) => act(() => chatApi.mute({ groupId, userId, minutes })),
    unmute: (userId: string) => act(() => chatApi.unmute({ groupId, userId })),
  }
}

/** Reported messages, waiting or already resolved; of one group, or of every group I moderate. */
export function useReports(groupId: string | undefined, resolved: boolean) {
  return useRemote(
    () =>
      chatApi.listReports({ ...(groupId ? { groupId } : {}), ...(resolved ? { status: 'resolved' as const } : {}) }),
    [groupId, resolved],
  )
}

/** Decide a report: hide the message, or keep it. */
export function useResolveReport(reportId: string) {
  return useAction((decision: 'hide' | 'keep') => chatApi.resolveReport({ reportId, decision }))
}

/** The chat groups I belong to, with unread counts. */
export function useChatGroups() {
  return useRemote(() => chatApi.listGroups(), [])
}
