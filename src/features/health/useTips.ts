import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { healthApi } from './api'

/** One tip, as residents read it. */
export function useTip(tipId: string) {
  return useRemote(() => healthApi.getTip({ tipId }), [tipId])
}

/** 撤下: the columnist or the committee takes a tip down. */
export function useTakeDownTip(tipId: string) {
  return useAction(() => healthApi.unpublishTip({ tipId }))
}

export interface TipFields {
  title: string
  body: string
  tags: string[]
}

/** Writing a tip: the one being edited (when `tipId` is given), and publishing or saving it. */
export function useWriteTip(tipId: string | undefined, columnist: boolean) {
  const existing = useRemote(() => healthApi.getTip({ tipId: tipId ?? '' }), [tipId], { enabled: columnist && !!tipId })
  const save = useAction((fields: TipFields) =>
    tipId ? healthApi.editTip({ tipId, ...fields }) : healthApi.publishTip(fields),
  )
  return { existing, save }
}
