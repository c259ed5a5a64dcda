import { useState } from 'react'
import type { AnnouncementSummary } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { announcementsApi, messageOf } from './api'

/** One notice. Opening it is reading it: `get` records the reading (and clears its notification). */
export function useAnnouncement(announcementId: string) {
  return useRemote(() => announcementsApi.get({ announcementId }), [announcementId])
}

/** How many households have read a notice, building by building, and which have not (the door-knock list). */
export function useReach(announcementId: string) {
  return useRemote(() => announcementsApi.reach({ announcementId }), [announcementId])
}

/** 撤回: take a notice down (it cannot be restored). */
export function useUnpublish(announcementId: string) {
  return useAction(() => announcementsApi.unpublish({ announcementId }))
}

export interface FeedQuery {
  buildingId?: string
  includeExpired?: boolean
}

/** The notices (urgent, pinned, latest first), 20 at a time: the first page loads; `more()` appends older ones. */
export function useAnnouncementFeed(query: FeedQuery) {
  const [older, setOlder] = useState<AnnouncementSummary[]>([])
  const [nextBefore, setNextBefore] = useState<string | undefined>()
  const [moreError, setMoreError] = useState<string | null>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const first = useRemote(async () => {
    const page = await announcementsApi.list({ ...query, limit: 20 })
    setOlder([])
    setNextBefore(page.nextBefore)
    return page
  }, [query.buildingId, query.includeExpired])

  async function more() {
    if (!nextBefore) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await announcementsApi.list({ ...query, limit: 20, before: nextBefore })
      setOlder((list) => [...list, ...page.items])
      setNextBefore(page.nextBefore)
    } catch (e) {
      setMoreError(messageOf(e))
    } finally {
      setLoadingMore(false)
    }
  }

  return { first, older, nextBefore, more, loadingMore, moreError }
}
