import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { SEARCH_MAX } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { excerptOf } from '../../../../utils/text'
import { useColumnist } from '../../../../features/health/useColumnist'
import { fullDate } from '../../../../utils/time'
import { QAList, SearchResults, TipsByMonth } from '../../../../features/health/ColumnLists'
import { useColumn, useColumnSearch } from '../../../../features/health/useColumn'
import './index.css'

export default function ColumnPage() {
  return (
    <PageShell className="health-column">
      <Gate>
        <Column />
      </Gate>
    </PageShell>
  )
}

function Column() {
  const { columnist } = useColumnist()
  const { overview, follow } = useColumn()
  const found = useColumnSearch()
  const [query, setQuery] = useState('')
  const [tab, setTab] = useState<'qa' | 'tips'>('qa')
  const search = () => found.search(query)
  const searched = found.searched

  function clearSearch() {
    setQuery('')
    found.clear()
  }

  if (overview.loading && !overview.data) return <Loading />
  if (overview.error || !overview.data)
    return <ErrorState message={overview.error ?? '加载失败'} onRetry={() => void overview.reload()} />
  const data = overview.data
  const featured = data.featured

  return (
    <View>
      {searched ? null : featured ? (
        <View
          className="lz-card featured-tip"
          onClick={() => openPage(`${HEALTH_ROUTES.tip}?id=${featured.tip.tipId}`)}
        >
          <Text className="lz-tag ok">{featured.thisMonth ? '本月小贴士' : '最新小贴士'}</Text>
          <Text className="lz-subtitle featured-title">{featured.tip.title}</Text>
          <Text className="lz-text lz-block">{excerptOf(featured.tip.body, 80)}</Text>
          <Text className="health-meta">
            {featured.tip.author} · {fullDate(featured.tip.publishedAt)}
          </Text>
          <Text className="lz-link lz-block">阅读全文 ›</Text>
        </View>
      ) : (
        <EmptyState title="还没有小贴士" hint="专栏医生每月会写一篇健康小贴士。" />
      )}

      <View className="lz-card search-card">
        <View className="search-row">
          <Input
            className="lz-input health-search-input"
            value={query}
            maxlength={SEARCH_MAX}
            placeholder="搜索，如：血压"
            confirmType="search"
            onInput={(e) => setQuery(e.detail.value)}
            onConfirm={() => void search()}
          />
          <View className="search-button" onClick={() => void search()}>
            <Text>{found.searching ? '…' : '搜索'}</Text>
          </View>
        </View>
        {found.error ? <Text className="lz-error search-error">{found.error}</Text> : null}
      </View>

      {searched ? (
        <SearchResults result={searched} onClear={clearSearch} />
      ) : (
        <View>
          <View className="lz-card">
            <ActionButton className="ask-button" onClick={() => openPage(HEALTH_ROUTES.ask)}>
              我要提问
            </ActionButton>
            <ActionButton tone="plain" className="my-questions-button" onClick={() => openPage(HEALTH_ROUTES.mine)}>
              我的提问{data.myWaiting ? `（${data.myWaiting} 个等待回复）` : ''}
            </ActionButton>
            <ActionButton
              tone="plain"
              className="follow-button"
              loading={follow.busy}
              onClick={() => void follow.run()}
            >
              {data.following ? '已关注 · 取消关注' : '关注专栏'}
            </ActionButton>
            <Text className="lz-muted lz-block follow-count">
              {data.following ? '有新小贴士时会通知您' : '关注后，有新小贴士时通知您'} · {data.followers} 位邻居已关注
            </Text>
            {follow.error ? <Text className="lz-error">{follow.error.message}</Text> : null}
          </View>

          {columnist ? (
            <View className="lz-card columnist-tools">
              <Text className="lz-subtitle">专栏作者</Text>
              <View className="lz-row open-inbox" onClick={() => openPage(HEALTH_ROUTES.inbox)}>
                <Text className="lz-text">待回复的提问</Text>
                <Text className={data.inboxWaiting ? 'lz-tag bad' : 'lz-muted'}>
                  {data.inboxWaiting ? `${data.inboxWaiting} 个` : '没有'} ›
                </Text>
              </View>
              <View className="lz-row write-tip" onClick={() => openPage(HEALTH_ROUTES.write)}>
                <Text className="lz-text">写小贴士</Text>
                <Text className="lz-muted">›</Text>
              </View>
            </View>
          ) : null}

          <View className="health-tabs">
            <View className={`health-tab ${tab === 'qa' ? 'selected' : ''}`} onClick={() => setTab('qa')}>
              <Text>已回复的问答</Text>
            </View>
            <View className={`health-tab ${tab === 'tips' ? 'selected' : ''}`} onClick={() => setTab('tips')}>
              <Text>往期小贴士</Text>
            </View>
          </View>
          {tab === 'qa' ? <QAList /> : <TipsByMonth />}
          <Disclaimer />
        </View>
      )}
    </View>
  )
}
