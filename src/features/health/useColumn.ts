import { useState } from 'react'
import { SEARCH_TOO_SHORT, searchTerms } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { requestSubscriptions } from '../notifications/subscribe'
import { healthApi } from './api'
import type { SearchResult } from './ColumnLists'

/** The column's front page: this month's tip and the counts, and following the column. */
export function useColumn() {
  const overview = useRemote(() => healthApi.overview(), [])
  const follow = useAction(async () => {
    const data = overview.data
    if (!data) return
    if (data.following) {
      const next = await healthApi.unfollow()
      overview.setData({ ...data, ...next })
    } else {
      // Asked on the tap itself: WeChat shows its subscribe prompt only in response to one.
      const grant = requestSubscriptions(['healthTip'])
      const next = await healthApi.follow()
      overview.setData({ ...data, ...next })
      await grant
    }
  })
  return { overview, follow }
}

/** Searching the published Q&A and tips; a query too short is refused before a round trip, as the function would. */
export function useColumnSearch() {
  const [searched, setSearched] = useState<SearchResult | null>(null)
  const [tooShort, setTooShort] = useState(false)
  const lookUp = useAction((q: string) => healthApi.search({ q }))
  async function search(query: string) {
    lookUp.clear()
    setTooShort(false)
    if (!searchTerms(query).length) {
      setSearched(null)
      setTooShort(true)
      return
    }
    const outcome = await lookUp.run(query)
    if (outcome.ok) setSearched(outcome.value)
  }
  function clear() {
    setSearched(null)
    setTooShort(false)
    lookUp.clear()
  }
  return {
    search,
    clear,
    searched,
    searching: lookUp.busy,
    error: tooShort ? SEARCH_TOO_SHORT : (lookUp.error?.message ?? null),
  }
}
