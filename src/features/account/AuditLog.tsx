import { Text, View } from '@tarojs/components'
import { dayAndTime } from '../../utils/time'
import { useState } from 'react'
import { AUDIT_ACTION_NAMES, type AuditEntryView } from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { useRemote } from '../../hooks/useRemote'
import { accountApi, messageOf } from './api'

/** The committee's audit log: who became the committee and how, who gave whom which role. Newest first. */
export function AuditLog() {
  const first = useRemote(() => accountApi.listAuditLog({}), [])
  const [older, setOlder] = useState<AuditEntryView[]>([])
  const [more, setMore] = useState<boolean | null>(null)
  const [error, setError] = useState<string | null>(null)

  const entries = [...(first.data?.entries ?? []), ...older]
  const hasMore = more ?? first.data?.more ?? false

  async function loadMore() {
    const oldest = entries[entries.length - 1]
    if (!oldest) return
    try {
      const page = await accountApi.listAuditLog({ before: oldest.at })
      setOlder([...older, ...page.entries])
      setMore(page.more)
    } catch (e) {
      setError(messageOf(e))
    }
  }

  return (
    <View className="audit-log">
      <Text className="lz-subtitle">操作记录</Text>
      {first.loading && !first.data ? <Loading /> : null}
      {first.error ? <ErrorState message={first.error} onRetry={() => void first.reload()} /> : null}
      {first.data && !entries.length ? <EmptyState title="还没有记录" /> : null}
      {entries.length ? (
        <View className="lz-card">
          {entries.map((e) => (
            <View key={e.entryId} className="audit-entry">
              <Text className="lz-text lz-block">
                {AUDIT_ACTION_NAMES[e.action]}：{e.subject ? `${e.subject} · ` : ''}
                {e.detail}
              </Text>
              <Text className="lz-muted lz-block">
                {dayAndTime(e.at)} · 操作人 {e.actor}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {hasMore ? (
        <ActionButton tone="plain" onClick={() => void loadMore()}>
          更早的记录
        </ActionButton>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
