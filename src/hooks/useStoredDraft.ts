import { useCallback, useEffect, useRef, useState } from 'react'
import { readStored, removeStored, writeStored } from '../services/storage'

export type DraftSetter<T> = (next: T | ((previous: T) => T)) => void

/**
 * `useState` whose value is kept on the device under `key` as it is typed, so a refresh, leaving
 * the page or a closed mini-program loses nothing; `clear()` forgets it (after a send). With no
 * key yet (who is typing is still loading) it is plain state, and what was kept appears once the
 * key is known — unless something was typed meanwhile.
 */
export function useStoredDraft<T>(key: string | null, empty: T): [T, DraftSetter<T>, () => void] {
  const emptyRef = useRef(empty)
  const [value, setValue] = useState<T>(() => (key ? readStored<T>(key, empty) : empty))
  // The latest value, so an update by function composes with one made just before it in the same tick.
  const current = useRef(value)
  const loadedKey = useRef(key)
  const touched = useRef(false)

  useEffect(() => {
    if (!key || loadedKey.current === key) return
    loadedKey.current = key
    if (touched.current) return
    current.current = readStored<T>(key, emptyRef.current)
    setValue(current.current)
  }, [key])

  const set = useCallback<DraftSetter<T>>(
    (next) => {
      touched.current = true
      const value = typeof next === 'function' ? (next as (previous: T) => T)(current.current) : next
      current.current = value
      if (key) writeStored(key, value)
      setValue(value)
    },
    [key],
  )

  const clear = useCallback(() => {
    if (key) removeStored(key)
    touched.current = false
    current.current = emptyRef.current
    setValue(emptyRef.current)
  }, [key])

  return [value, set, clear]
}
