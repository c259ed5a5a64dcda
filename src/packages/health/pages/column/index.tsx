import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { SEARCH_MAX, SEARCH_TOO_SHORT, searchTerms } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { excerptOf } from '../../../../utils/text'
import { useColumnist } from '../../../../features/health/useColumnist'
import { requestSubscriptions } from '../../../../features/notifications/subscribe'
import { useRemote } from '../../../../hooks/useRemote'
import { fullDate } from '../../../../utils/time'
import { healthApi, messageOf } from '../../../../features/health/api'
import { QAList, SearchResults, TipsByMonth, type SearchResult } from '../../../../features/health/ColumnLists'
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
  const overview = useRemote(() => healthApi.overview(), [])
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState<SearchResult | null>(null)
  const [searchError, setSearchError] = useState<string | null>(null)
  const [searching, setSearching] = useState(false)
  const [tab, setTab] = useState<'qa' | 'tips'>('qa')
  const [following, setFollowing] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })

  async function search() {
    setSearchError(null)
    // The same rule the function applies, checked before a round trip.
    if (!searchTerms(query).length) {
      setSearched(null)
      setSearchError(SEARCH_TOO_SHORT)
      return
    }
    setSearching(true)
    try {
      setSearched(await healthApi.search({ q: query }))
    } catch (e) {
      setSearchError(messageOf(e))
    } finally {
      setSearching(false)
    }
  }

  function clearSearch() {
    setQuery('')
    setSearched(null)
    setSearchError(null)
  }

  async function toggleFollow() {
    const data = overview.data
    if (!data) return
    setFollowing({ busy: true, error: null })
    try {
      if (data.following) {
        const next = await healthApi.unfollow()
        overview.setData({ ...data, ...next })
      } else {
        // Asked on the tap itself: WeChat shows its subscribe prompt only in response to one.
        const grant = requestSubscriptions(['healthTip'])
        const next = await healthApi.follow()
        overview.setData({ ...data, ...next })
        await grant
      }
      setFollowing({ busy: false, error: null })
    } catch (e) {
      setFollowing({ busy: false, error: messageOf(e) })
    }
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
            <Text>{searching ? '…' : '搜索'}</Text>
          </View>
        </View>
        {searchError ? <Text className="lz-error search-error">{searchError}</Text> : null}
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
              loading={following.busy}
              onClick={() => void toggleFollow()}
            >
              {data.following ? '已关注 · 取消关注' : '关注专栏'}
            </ActionButton>
            <Text className="lz-muted lz-block follow-count">
              {data.following ? '有新小贴士时会通知您' : '关注后，有新小贴士时通知您'} · {data.followers} 位邻居已关注
            </Text>
            {following.error ? <Text className="lz-error">{following.error}</Text> : null}
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
