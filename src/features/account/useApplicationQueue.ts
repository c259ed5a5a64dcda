import { useState } from 'react'
import type { ApplicationView } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { accountApi, messageOf } from './api'

/**
 * A building's pending applications, oldest first, one page at a time: the first page loads (and
 * reloads whenever the page shows or a decision is made); `more()` appends the next.
 */
export function useApplicationQueue(buildingId: string | null) {
  const first = useRemote(
    async () => {
      const page = await accountApi.listApplications({ buildingId: buildingId ?? '' })
      setLater([])
      setNextAfter(page.nextAfter)
      return page
    },
    [buildingId],
    { enabled: !!buildingId },
  )
  const [later, setLater] = useState<ApplicationView[]>([])
  const [nextAfter, setNextAfter] = useState<string | undefined>()
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)

  async function more() {
    if (!buildingId || !nextAfter || loadingMore) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await accountApi.listApplications({ buildingId, after: nextAfter })
      setLater((shown) => [...shown, ...page.applications])
      setNextAfter(page.nextAfter)
    } catch (e) {
      setMoreError(messageOf(e))
    } finally {
      setLoadingMore(false)
    }
  }

  return {
    first,
    applications: first.data ? [...first.data.applications, ...later] : [],
    pending: first.data?.pending ?? 0,
    hasMore: !!nextAfter,
    loadingMore,
    moreError,
    more,
  }
}
