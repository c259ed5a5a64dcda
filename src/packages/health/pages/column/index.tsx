import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  HEALTH_CATEGORIES,
  SEARCH_MAX,
  SEARCH_TOO_SHORT,
  searchTerms,
  type HealthCategory,
  type OutputOf,
  type QASummaryView,
  type TipMonthView,
  type Contracts,
} from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { Highlighted } from '../../../../features/health/Highlighted'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { excerptOf } from '../../../../features/health/text'
import { useColumnist } from '../../../../features/health/useColumnist'
import { requestSubscriptions } from '../../../../features/notifications/subscribe'
import { useRemote } from '../../../../hooks/useRemote'
import { fullDate } from '../../../../utils/time'
import { healthApi, messageOf } from '../../../../features/health/api'
import './index.css'

type SearchResult = OutputOf<Contracts['health']['search']>

export default function ColumnPage() {
  return (
    <PageShell className='health-column'>
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
  if (overview.error || !overview.data) return <ErrorState message={overview.error ?? '加载失败'} onRetry={() => void overview.reload()} />
  const data = overview.data
  const featured = data.featured

  return (
    <View>
      {searched ? null : featured ? (
        <View className='lz-card featured-tip' onClick={() => openPage(`${HEALTH_ROUTES.tip}?id=${featured.tip.tipId}`)}>
          <Text className='lz-tag ok'>{featured.thisMonth ? '本月小贴士' : '最新小贴士'}</Text>
          <Text className='lz-subtitle featured-title'>{featured.tip.title}</Text>
          <Text className='lz-text lz-block'>{excerptOf(featured.tip.body, 80)}</Text>
          <Text className='health-meta'>
            {featured.tip.author} · {fullDate(featured.tip.publishedAt)}
          </Text>
          <Text className='lz-link lz-block'>阅读全文 ›</Text>
        </View>
      ) : (
        <EmptyState title='还没有小贴士' hint='专栏医生每月会写一篇健康小贴士。' />
      )}

      <View className='lz-card search-card'>
        <View className='search-row'>
          <Input
            className='lz-input health-search-input'
            value={query}
            maxlength={SEARCH_MAX}
            placeholder='搜索问答和小贴士，如：血压'
            confirmType='search'
            onInput={(e) => setQuery(e.detail.value)}
            onConfirm={() => void search()}
          />
          <View className='search-button' onClick={() => void search()}>
            <Text>{searching ? '…' : '搜索'}</Text>
          </View>
        </View>
        {searchError ? <Text className='lz-error search-error'>{searchError}</Text> : null}
      </View>

      {searched ? (
        <SearchResults result={searched} onClear={clearSearch} />
      ) : (
        <View>
          <View className='lz-card'>
            <ActionButton className='ask-button' onClick={() => openPage(HEALTH_ROUTES.ask)}>
              我要提问
            </ActionButton>
            <ActionButton tone='plain' className='my-questions-button' onClick={() => openPage(HEALTH_ROUTES.mine)}>
              我的提问{data.myWaiting ? `（${data.myWaiting} 个等待回复）` : ''}
            </ActionButton>
            <ActionButton tone='plain' className='follow-button' loading={following.busy} onClick={() => void toggleFollow()}>
              {data.following ? '已关注 · 取消关注' : '关注专栏'}
            </ActionButton>
            <Text className='lz-muted lz-block follow-count'>
              {data.following ? '有新小贴士时会通知您' : '关注后，有新小贴士时通知您'} · {data.followers} 位邻居已关注
            </Text>
            {following.error ? <Text className='lz-error'>{following.error}</Text> : null}
          </View>

          {columnist ? (
            <View className='lz-card columnist-tools'>
              <Text className='lz-subtitle'>专栏作者</Text>
              <View className='lz-row open-inbox' onClick={() => openPage(HEALTH_ROUTES.inbox)}>
                <Text className='lz-text'>待回复的提问</Text>
                <Text className={data.inboxWaiting ? 'lz-tag bad' : 'lz-muted'}>{data.inboxWaiting ? `${data.inboxWaiting} 个` : '没有'} ›</Text>
              </View>
              <View className='lz-row write-tip' onClick={() => openPage(HEALTH_ROUTES.write)}>
                <Text className='lz-text'>写小贴士</Text>
                <Text className='lz-muted'>›</Text>
              </View>
            </View>
          ) : null}

          <View className='health-tabs'>
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

function SearchResults({ result, onClear }: { result: SearchResult; onClear(): void }) {
  return (
    <View className='search-results'>
      <View className='lz-row'>
        <Text className='lz-text search-summary'>找到 {result.total} 条</Text>
        <Text className='lz-link clear-search' onClick={onClear}>
          返回专栏
        </Text>
      </View>
      {!result.hits.length ? <EmptyState title='没有找到相关内容' hint='换个说法试试，或者用空格分开几个词。也可以直接向医生提问。' /> : null}
      {result.hits.map((hit) => (
        <View
          key={hit.entryId}
          className='lz-card search-hit'
          onClick={() => openPage(hit.kind === 'tip' ? `${HEALTH_ROUTES.tip}?id=${hit.entryId}` : `${HEALTH_ROUTES.qa}?id=${hit.entryId}`)}
        >
          <Text className={`lz-tag ${hit.kind === 'tip' ? 'ok' : ''}`}>{hit.kind === 'tip' ? '小贴士' : `问答 · ${hit.category ?? ''}`}</Text>
          <Highlighted className='lz-block hit-title' value={hit.title} />
          <Highlighted className='lz-block lz-muted hit-snippet' value={hit.snippet} />
          <Text className='health-meta'>
            {hit.author} · {fullDate(hit.publishedAt)}
          </Text>
        </View>
      ))}
      <Disclaimer />
    </View>
  )
}

function QAList() {
  const [category, setCategory] = useState<HealthCategory | null>(null)
  const [items, setItems] = useState<QASummaryView[]>([])
  const [nextBefore, setNextBefore] = useState<number | undefined>()
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const first = useRemote(async () => {
    const page = await healthApi.listQA({ limit: 20, ...(category ? { category } : {}) })
    setItems(page.items)
    setNextBefore(page.nextBefore)
    return page
  }, [category])

  async function loadMore() {
    if (nextBefore === undefined) return
    setMore({ busy: true, error: null })
    try {
      const page = await healthApi.listQA({ limit: 20, before: nextBefore, ...(category ? { category } : {}) })
      setItems((list) => [...list, ...page.items])
      setNextBefore(page.nextBefore)
      setMore({ busy: false, error: null })
    } catch (e) {
      setMore({ busy: false, error: messageOf(e) })
    }
  }

  return (
    <View className='qa-list'>
      <View className='health-chips'>
        <View className={`health-chip ${category === null ? 'selected' : ''}`} onClick={() => setCategory(null)}>
          <Text>全部</Text>
        </View>
        {HEALTH_CATEGORIES.map((c) => (
          <View key={c} className={`health-chip ${category === c ? 'selected' : ''}`} onClick={() => setCategory(c)}>
            <Text>{c}</Text>
          </View>
        ))}
      </View>
      {first.loading && !first.data ? <Loading /> : null}
      {first.error ? <ErrorState message={first.error} onRetry={() => void first.reload()} /> : null}
      {first.data && !items.length ? <EmptyState title='这一类还没有公开的问答' /> : null}
      {items.map((item) => (
        <View key={item.entryId} className='lz-card qa-item' onClick={() => openPage(`${HEALTH_ROUTES.qa}?id=${item.entryId}`)}>
          <Text className='lz-tag'>{item.category}</Text>
          <Text className='lz-text lz-block qa-question'>问：{item.question}</Text>
          <Text className='lz-muted lz-block'>答：{item.answerExcerpt}</Text>
          <Text className='health-meta'>
            {item.answeredBy} · {fullDate(item.publishedAt)}
          </Text>
        </View>
      ))}
      {nextBefore !== undefined ? (
        <ActionButton tone='plain' loading={more.busy} onClick={() => void loadMore()}>
          查看更早的问答
        </ActionButton>
      ) : null}
      {more.error ? <Text className='lz-error'>{more.error}</Text> : null}
    </View>
  )
}

function TipsByMonth() {
  const [months, setMonths] = useState<TipMonthView[]>([])
  const [nextBefore, setNextBefore] = useState<number | undefined>()
  const [more, setMore] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null })
  const first = useRemote(async () => {
    const page = await healthApi.listTips({ limit: 20 })
    setMonths(page.months)
    setNextBefore(page.nextBefore)
    return page
  }, [])

  async function loadMore() {
    if (nextBefore === undefined) return
    setMore({ busy: true, error: null })
    try {
      const page = await healthApi.listTips({ limit: 20, before: nextBefore })
      setMonths((list) => mergeMonths(list, page.months))
      setNextBefore(page.nextBefore)
      setMore({ busy: false, error: null })
    } catch (e) {
      setMore({ busy: false, error: messageOf(e) })
    }
  }

  if (first.loading && !first.data) return <Loading />
  if (first.error) return <ErrorState message={first.error} onRetry={() => void first.reload()} />
  if (!months.length) return <EmptyState title='还没有小贴士' />
  return (
    <View className='tips-by-month'>
      {months.map((month) => (
        <View key={month.month} className='tip-month'>
          <Text className='lz-subtitle month-label'>{month.label}</Text>
          {month.tips.map((tip) => (
            <View key={tip.tipId} className='lz-card tip-item' onClick={() => openPage(`${HEALTH_ROUTES.tip}?id=${tip.tipId}`)}>
              <Text className='lz-text lz-block tip-title'>{tip.title}</Text>
              <Text className='lz-muted lz-block'>{tip.excerpt}</Text>
              {tip.tags.length ? <Text className='health-meta'># {tip.tags.join(' # ')}</Text> : null}
            </View>
          ))}
        </View>
      ))}
      {nextBefore !== undefined ? (
        <ActionButton tone='plain' loading={more.busy} onClick={() => void loadMore()}>
          查看更早的小贴士
        </ActionButton>
      ) : null}
      {more.error ? <Text className='lz-error'>{more.error}</Text> : null}
    </View>
  )
}

/** A later page may continue the month the previous one ended in. */
function mergeMonths(list: TipMonthView[], next: TipMonthView[]): TipMonthView[] {
  const merged = list.map((m) => ({ ...m, tips: [...m.tips] }))
  for (const month of next) {
    const last = merged[merged.length - 1]
    if (last && last.month === month.month) last.tips.push(...month.tips)
    else merged.push(month)
  }
  return merged
}
