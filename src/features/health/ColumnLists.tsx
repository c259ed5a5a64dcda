import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  HEALTH_CATEGORIES,
  type Contracts,
  type HealthCategory,
  type OutputOf,
  type QASummaryView,
  type TipMonthView,
} from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../components/States'
import { useRemote } from '../../hooks/useRemote'
import { fullDate } from '../../utils/time'
import { openPage } from '../account/navigation'
import { healthApi, messageOf } from './api'
import { Disclaimer } from './Disclaimer'
import { Highlighted } from './Highlighted'
import { HEALTH_ROUTES } from './routes'

/** What 健康专栏 lists: search results, the Q&A list and the tips month by month. */

export type SearchResult = OutputOf<Contracts['health']['search']>

export function SearchResults({ result, onClear }: { result: SearchResult; onClear(): void }) {
  return (
    <View className="search-results">
      <View className="lz-row">
        <Text className="lz-text search-summary">找到 {result.total} 条</Text>
        <Text className="lz-link clear-search" onClick={onClear}>
          返回专栏
        </Text>
      </View>
      {!result.hits.length ? (
        <EmptyState title="没有找到相关内容" hint="换个说法试试，或者用空格分开几个词。也可以直接向医生提问。" />
      ) : null}
      {result.hits.map((hit) => (
        <View
          key={hit.entryId}
          className="lz-card search-hit"
          onClick={() =>
            openPage(
              hit.kind === 'tip' ? `${HEALTH_ROUTES.tip}?id=${hit.entryId}` : `${HEALTH_ROUTES.qa}?id=${hit.entryId}`,
            )
          }
        >
          <Text className={`lz-tag ${hit.kind === 'tip' ? 'ok' : ''}`}>
            {hit.kind === 'tip' ? '小贴士' : `问答 · ${hit.category ?? ''}`}
          </Text>
          <Highlighted className="lz-block hit-title" value={hit.title} />
          <Highlighted className="lz-block lz-muted hit-snippet" value={hit.snippet} />
          <Text className="health-meta">
            {hit.author} · {fullDate(hit.publishedAt)}
          </Text>
        </View>
      ))}
      <Disclaimer />
    </View>
  )
}

export function QAList() {
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
    <View className="qa-list">
      <View className="health-chips">
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
      {first.data && !items.length ? <EmptyState title="这一类还没有公开的问答" /> : null}
      {items.map((item) => (
        <View
          key={item.entryId}
          className="lz-card qa-item"
          onClick={() => openPage(`${HEALTH_ROUTES.qa}?id=${item.entryId}`)}
        >
          <Text className="lz-tag">{item.category}</Text>
          <Text className="lz-text lz-block qa-question">问：{item.question}</Text>
          <Text className="lz-muted lz-block">答：{item.answerExcerpt}</Text>
          <Text className="health-meta">
            {item.answeredBy} · {fullDate(item.publishedAt)}
          </Text>
        </View>
      ))}
      {nextBefore !== undefined ? (
        <ActionButton tone="plain" loading={more.busy} onClick={() => void loadMore()}>
          查看更早的问答
        </ActionButton>
      ) : null}
      {more.error ? <Text className="lz-error">{more.error}</Text> : null}
    </View>
  )
}

export function TipsByMonth() {
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
  if (!months.length) return <EmptyState title="还没有小贴士" />
  return (
    <View className="tips-by-month">
      {months.map((month) => (
        <View key={month.month} className="tip-month">
          <Text className="lz-subtitle month-label">{month.label}</Text>
          {month.tips.map((tip) => (
            <View
              key={tip.tipId}
              className="lz-card tip-item"
              onClick={() => openPage(`${HEALTH_ROUTES.tip}?id=${tip.tipId}`)}
            >
              <Text className="lz-text lz-block tip-title">{tip.title}</Text>
              <Text className="lz-muted lz-block">{tip.excerpt}</Text>
              {tip.tags.length ? <Text className="health-meta"># {tip.tags.join(' # ')}</Text> : null}
            </View>
          ))}
        </View>
      ))}
      {nextBefore !== undefined ? (
        <ActionButton tone="plain" loading={more.busy} onClick={() => void loadMore()}>
          查看更早的小贴士
        </ActionButton>
      ) : null}
      {more.error ? <Text className="lz-error">{more.error}</Text> : null}
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
