import { useEffect, useRef } from 'react'
import type { PersonalChange } from '../../../contracts'

/**
 * What changed for the signed-in person, told to every open page: the session follows the
 * person's own realtime topic (session.tsx) and passes each change on here; the hooks behind the
 * tab badges, 首页 and 我的 listen for the kinds they show. Changes that arrive close together
 * (three messages in a row) are told once, so a burst costs one fetch, not three.
 */

type Listener = (changes: ReadonlySet<PersonalChange>) => void

const listeners = new Set<Listener>()
const COALESCE_MS = 150
let pending = new Set<PersonalChange>()
let flushTimer: ReturnType<typeof setTimeout> | null = null

export function tellPersonalChanges(changes: readonly PersonalChange[]): void {
  for (const change of changes) pending.add(change)
  if (flushTimer !== null) return
  flushTimer = setTimeout(() => {
    flushTimer = null
    const told = pending
    pending = new Set()
    for (const listener of [...listeners]) listener(told)
  }, COALESCE_MS)
}

/** Run `onChange` whenever one of `kinds` changed for the person (while the component is mounted). */
export function usePersonalChanges(kinds: readonly PersonalChange[], onChange: () => void): void {
  const latest = useRef(onChange)
  latest.current = onChange
  const key = kinds.join(',')
  useEffect(() => {
    const wanted = key.split(',') as PersonalChange[]
    const listener: Listener = (changes) => {
      if (wanted.some((kind) => changes.has(kind))) latest.current()
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [key])
}
