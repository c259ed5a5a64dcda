import { useState } from 'react'
import type { CharterArticle, CharterOverview, CharterVersionView, OpenCharterVoteInput } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { charterApi, messageOf } from './api'

/** Runs one call at a time with a busy flag and a person-readable error. */
function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true)
    setError(null)
    try {
      return await work()
    } catch (e) {
      setError(messageOf(e))
      return null
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}

/** A building's 自治公约 page: the current version, signing it, and (for the leader) starting the next draft. */
export function useCharter(buildingId: string | undefined) {
  const remote = useRemote(() => charterApi.overview(buildingId), [buildingId])
  const action = useAction()
  async function sign(versionId: string): Promise<CharterOverview | null> {
    const signed = await action.run(() => charterApi.sign(versionId))
    if (signed) remote.setData(signed)
    return signed
  }
  async function draft(templateId?: string): Promise<CharterVersionView | null> {
    const id = remote.data?.buildingId
    if (!id) return null
    return (await action.run(() => charterApi.draft(id, templateId)))?.version ?? null
  }
  return { remote, sign, draft, ...action }
}

/** A version page: read it with its changes; the leader edits a draft and puts it to the vote. */
export function useCharterVersion(versionId: string) {
  const remote = useRemote(async () => (await charterApi.version(versionId)).version, [versionId], {
    enabled: !!versionId,
  })
  const action = useAction()
  async function save(articles: CharterArticle[]): Promise<boolean> {
    const saved = await action.run(() => charterApi.editDraft(versionId, articles))
    if (saved) remote.setData(saved.version)
    return saved !== null
  }
  async function openVote(input: Omit<OpenCharterVoteInput, 'versionId'>): Promise<string | null> {
    const opened = await action.run(() => charterApi.openVote({ versionId, ...input }))
    if (opened) remote.setData(opened.version)
    return opened?.voteId ?? null
  }
  return { remote, save, openVote, ...action }
}

/** The leader's door-knock list: rooms that have not signed. Loaded on demand. */
export function useNotSigned(buildingId: string | undefined, enabled: boolean) {
  return useRemote(() => charterApi.notSigned(buildingId ?? ''), [buildingId, enabled], {
    enabled: enabled && !!buildingId,
  })
}

export function useCharterTemplates() {
  const remote = useRemote(async () => (await charterApi.templates()).templates, [])
  const action = useAction()
  async function save(input: { templateId?: string; title: string; articles: CharterArticle[] }) {
    const saved = await action.run(() => charterApi.saveTemplate(input))
    if (saved) await remote.reload()
    return saved?.template ?? null
  }
  return { remote, save, ...action }
}

export function useCharterBuildings() {
  return useRemote(async () => (await charterApi.buildings()).buildings, [])
}
