import { useState } from 'react'
import type { AgeBand, Interest, Skill } from '../../../contracts'
import { useAction } from '../../hooks/useAction'
import { useRemote } from '../../hooks/useRemote'
import { handOverFile } from '../../platform/files'
import { buddiesApi } from './api'

export interface MemberFilters {
  buildingId?: string
  interest?: Interest
  skill?: Skill
  ageBand?: AgeBand
}

/** The committee's numbers: sign-ups by building, interest and age band, and volunteer time. */
export function useBuddyStats() {
  return useRemote(() => buddiesApi.memberStats(), [])
}

/** The buddies who match the committee's filters. */
export function useBuddyMembers(filters: MemberFilters) {
  return useRemote(
    () => buddiesApi.listMembers(filters),
    [filters.buildingId, filters.interest, filters.skill, filters.ageBand],
  )
}

/** 双楼共建: which buildings the buddies of each workplace live in. */
export function useWorkplacePairs() {
  return useRemote(() => buddiesApi.workplacePairs(), [])
}

const HANDED_OVER = { downloaded: '已下载', shared: '已发送', copied: '已复制到剪贴板', kept: '' } as const

/**
 * Export the filtered list as CSV and put it where a committee worker can use it: a download in
 * the browser; in WeChat, a file to send to a chat (then open on a computer). Resolves with what
 * to tell them.
 */
export function useMemberExport(filters: MemberFilters) {
  const exporting = useAction(async () => {
    const result = await buddiesApi.exportMembers(filters)
    const how = HANDED_OVER[await handOverFile(result.filename, result.csv, 'text/csv;charset=utf-8', 'share-or-copy')]
    return `${how}：${result.filename}（${result.rows} 人）`
  })
  const [note, setNote] = useState<string | null>(null)
  async function run(): Promise<void> {
    setNote(null)
    const outcome = await exporting.run()
    setNote(outcome.ok ? outcome.value : outcome.failure.message)
  }
  return { run, busy: exporting.busy, note }
}
