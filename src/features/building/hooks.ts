import { useState } from 'react'
import type { BuildingTag } from '../../../contracts'
import { useRemote } from '../../hooks/useRemote'
import { buildingApi, messageOf } from './api'

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

/** A building's page; its leader also chooses the building's 特色 from the committee's list. */
export function useBuildingHome(buildingId: string | undefined) {
  const remote = useRemote(() => buildingApi.home(buildingId), [buildingId])
  const action = useAction()
  async function setTags(tagIds: string[]): Promise<boolean> {
    const id = remote.data?.buildingId
    if (!id) return false
    const saved = await action.run(() => buildingApi.setTags(id, tagIds))
    if (saved) remote.setData(saved)
    return saved !== null
  }
  return { remote, setTags, ...action }
}

/** The committee's list of 特色, loaded only when someone is about to choose or edit. */
export function useBuildingTagList(enabled: boolean) {
  const remote = useRemote(async () => (await buildingApi.tags()).tags, [enabled], { enabled })
  const action = useAction()
  async function change(work: () => Promise<{ tags: BuildingTag[] }>): Promise<boolean> {
    const done = await action.run(work)
    if (done) remote.setData(done.tags)
    return done !== null
  }
  return {
    remote,
    add: (name: string) => change(() => buildingApi.addTag(name)),
    remove: (tagId: string) => change(() => buildingApi.removeTag(tagId)),
    ...action,
  }
}

/** The committee's list of every building with its 特色. */
export function useBuildingDirectory() {
  return useRemote(async () => (await buildingApi.directory()).buildings, [])
}
