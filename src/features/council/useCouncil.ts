import { useState } from 'react'
import type { VoteView } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { councilApi } from './api'

/** One building's 议事 page: matters and open votes, and raising a new matter. */
export function useCouncil(buildingId: string | undefined) {
  const remote = useRemote(() => councilApi.overview(buildingId), [buildingId])
  const raising = useAction(async (title: string, text: string) => {
    await councilApi.raiseMatter({ title, text })
    await remote.reload()
  })
  const raise = async (title: string, text: string): Promise<boolean> => (await raising.run(title, text)).ok
  return { remote, raise, busy: raising.busy, error: raising.error?.message ?? null }
}

/** A vote page: the vote, and casting the household's ballot. */
export function useVote(voteId: string) {
  const remote = useRemote(async () => (await councilApi.getVote(voteId)).vote, [voteId], { enabled: !!voteId })
  const [casting, setCasting] = useState<number | null>(null)
  const casts = useAction(async (choice: number) => {
    const { vote } = await councilApi.castBallot(voteId, choice)
    remote.setData(vote)
    return vote
  })
  async function cast(choice: number): Promise<VoteView | null> {
    setCasting(choice)
    try {
      const outcome = await casts.run(choice)
      return outcome.ok ? outcome.value : null
    } finally {
      setCasting(null)
    }
  }
  return { remote, cast, casting, error: casts.error?.message ?? null }
}

/** The leader's paper-ballot entry and door-knock list. */
export function usePaperBallots(voteId: string) {
  const vote = useRemote(async () => (await councilApi.getVote(voteId)).vote, [voteId], { enabled: !!voteId })
  const missing = useRemote(() => councilApi.notVoted(voteId), [voteId], { enabled: !!voteId })
  const [done, setDone] = useState<string | null>(null)
  const recording = useAction(async (room: string, choice: number) => {
    const saved = await councilApi.recordPaperBallot(voteId, room, choice)
    setDone(`${saved.room} 室的纸质选票已登记`)
    await missing.reload()
  })
  async function record(room: string, choice: number): Promise<boolean> {
    setDone(null)
    return (await recording.run(room, choice)).ok
  }
  return { vote, missing, record, busy: recording.busy, error: recording.error?.message ?? null, done }
}

/** The leader's form: open a vote on a matter. */
export function useOpenVote() {
  const opening = useAction(
    async (input: Parameters<typeof councilApi.openVote>[0]) => (await councilApi.openVote(input)).vote,
  )
  async function open(input: Parameters<typeof councilApi.openVote>[0]): Promise<VoteView | null> {
    const outcome = await opening.run(input)
    return outcome.ok ? outcome.value : null
  }
  return { open, busy: opening.busy, error: opening.error?.message ?? null }
}
