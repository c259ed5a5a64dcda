import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { messageOf } from '../services/api-error'

export interface Remote<T> {
  data: T | null
  error: string | null
  loading: boolean
  reload(): Promise<void>
  setData(next: T): void
}

/**
 * Load something for a page, with loading and error states, and load it again whenever the page
 * shows (coming back from a detail page should never show stale counts).
 */
export function useRemote<T>(
  load: () => Promise<T>,
  deps: ReadonlyArray<unknown>,
  options: { enabled?: boolean } = {},
): Remote<T> {
  const enabled = options.enabled ?? true
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(enabled)
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    if (!enabled) return
    const mine = ++generation.current
    setLoading(true)
    try {
      const next = await loadRef.current()
      if (mine === generation.current) {
        setData(next)
        setError(null)
      }
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e))
    } finally {
      if (mine === generation.current) setLoading(false)
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, ...deps])

  useEffect(() => {
    void reload()
  }, [reload])

  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) void reload()
    shownOnce.current = true
  })

  return { data, error, loading, reload, setData }
}
