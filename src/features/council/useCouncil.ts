import { useState } from 'react'
import type { MatterSummary, VoteView } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { councilApi, messageOf } from './api'

export type MatterOrder = 'newest' | 'mostSupported'

/** The matters in the order asked for: newest first (as stored), or most +1s first (newest breaks ties). */
export function orderMatters(matters: readonly MatterSummary[], order: MatterOrder): MatterSummary[] {
  return order === 'newest' ? [...matters] : [...matters].sort((a, b) => b.supportCount - a.supportCount)
}

/** One building's 议事 page: matters and open votes, raising a new matter and saying +1 (附议). */
export function useCouncil(buildingId: string | undefined) {
  const remote = useRemote(() => councilApi.overview(buildingId), [buildingId])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [supporting, setSupporting] = useState<string | null>(null)
  /** The last +1 or merge that failed, shown under its matter. */
  const [supportError, setSupportError] = useState<{ matterId: string; message: string } | null>(null)
  async function support(matterId: string): Promise<void> {
    setSupporting(matterId)
    setSupportError(null)
    try {
      const { supportCount } = await councilApi.supportMatter(matterId)
      const data = remote.data
      if (data)
        remote.setData({
          ...data,
          matters: data.matters.map((m) =>
            m.matterId === matterId ? { ...m, supportCount, supportedByMyHousehold: true } : m,
          ),
        })
    } catch (e) {
      setSupportError({ matterId, message: messageOf(e) })
    } finally {
      setSupporting(null)
    }
  }
  async function raise(title: string, text: string): Promise<boolean> {
    setBusy(true)
    setError(null)
    try {
      await councilApi.raiseMatter({ title, text })
      await remote.reload()
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      setBusy(false)
    }
  }
  const [merging, setMerging] = useState<string | null>(null)
  async function merge(matterId: string, intoMatterId: string): Promise<void> {
    setMerging(matterId)
    setSupportError(null)
    try {
      await councilApi.mergeMatter(matterId, intoMatterId)
      await remote.reload()
    } catch (e) {
      setSupportError({ matterId, message: messageOf(e) })
    } finally {
      setMerging(null)
    }
  }
  return { remote, raise, busy, error, support, supporting, supportError, merge, merging }
}

/** A vote page: the vote, and casting the household's ballot. */
export function useVote(voteId: string) {
  const remote = useRemote(async () => (await councilApi.getVote(voteId)).vote, [voteId], { enabled: !!voteId })
  const [casting, setCasting] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  async function cast(choice: number): Promise<VoteView | null> {
    setCasting(choice)
    setError(null)
    try {
      const { vote } = await councilApi.castBallot(voteId, choice)
      remote.setData(vote)
      return vote
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setCasting(null)
    }
  }
  return { remote, cast, casting, error }
}

/** The leader's paper-ballot entry and door-knock list. */
export function usePaperBallots(voteId: string) {
  const vote = useRemote(async () => (await councilApi.getVote(voteId)).vote, [voteId], { enabled: !!voteId })
  const missing = useRemote(() => councilApi.notVoted(voteId), [voteId], { enabled: !!voteId })
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  async function record(room: string, choice: number): Promise<boolean> {
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      const saved = await councilApi.recordPaperBallot(voteId, room, choice)
      setDone(`${saved.room} 室的纸质选票已登记`)
      await missing.reload()
      return true
    } catch (e) {
      setError(messageOf(e))
      return false
    } finally {
      setBusy(false)
    }
  }
  return { vote, missing, record, busy, error, done }
}

/** The leader's form: open a vote on a matter. */
export function useOpenVote() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function open(input: Parameters<typeof councilApi.openVote>[0]): Promise<VoteView | null> {
    setBusy(true)
    setError(null)
    try {
      return (await councilApi.openVote(input)).vote
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { open, busy, error }
}
