import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { GroupSummary } from '../../../contracts'
import { usePersonalChanges } from '../account/personal-changes'
import { chatApi } from './api'

const GROUP_TAB_INDEX = 1

/** The 楼组 tab shows how many chat messages wait, from every tab. */
export function showChatBadge(unread: number): void {
  if (unread > 0)
    void Taro.setTabBarBadge({ index: GROUP_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }).catch(
      () => undefined,
    )
  else void Taro.removeTabBarBadge({ index: GROUP_TAB_INDEX }).catch(() => undefined)
}

export async function refreshChatBadge(): Promise<{ groups: GroupSummary[]; unreadTotal: number } | null> {
  try {
    const result = await chatApi.listGroups()
    showChatBadge(result.unreadTotal)
    return result
  } catch {
    return null // a badge is not worth an error message
  }
}

/**
 * My groups with unread counts, refreshed whenever the page shows and whenever one of my groups or
 * my membership changes (live, from any page); keeps the tab badge in step.
 */
export function useChatUnread(enabled = true): { groups: GroupSummary[]; unreadTotal: number } {
  const [summary, setSummary] = useState<{ groups: GroupSummary[]; unreadTotal: number }>({
    groups: [],
    unreadTotal: 0,
  })
  const refresh = useCallback(async () => {
    if (!enabled) return
    const result = await refreshChatBadge()
    if (result) setSummary(result)
  }, [enabled])
  useEffect(() => {
    void refresh()
  }, [refresh])
  useDidShow(() => void refresh())
  usePersonalChanges(['chat', 'membership', 'roles'], () => void refresh())
  return summary
}
