import { Text, View } from '@tarojs/components'
import { useRemote } from '../../hooks/useRemote'
import { openPage } from '../account/navigation'
import { excerptOf } from '../../utils/text'
import { HEALTH_ROUTES } from './routes'
import { healthApi } from './api'
import './health.css'

/** 首页's health card: this month's tip and the way into the column. */
export function HealthHomeCard() {
  const overview = useRemote(() => healthApi.overview(), [])
  const data = overview.data
  const featured = data?.featured
  return (
    <View className="lz-card health-home-card" onClick={() => openPage(HEALTH_ROUTES.column)}>
      <View className="lz-row">
        <Text className="lz-subtitle">健康答疑</Text>
        <Text className="lz-link">进入专栏 ›</Text>
      </View>
      {overview.loading && !data ? <Text className="lz-muted lz-block">正在加载…</Text> : null}
      {overview.error ? <Text className="lz-muted lz-block">{overview.error}</Text> : null}
      {featured ? (
        <View
          className="home-tip"
          onClick={(e) => {
            e.stopPropagation()
            openPage(`${HEALTH_ROUTES.tip}?id=${featured.tip.tipId}`)
          }}
        >
          <Text className="lz-tag ok">{featured.thisMonth ? '本月小贴士' : '最新小贴士'}</Text>
          <Text className="featured-title">{featured.tip.title}</Text>
          <Text className="lz-muted lz-block">{excerptOf(featured.tip.body, 40)}</Text>
        </View>
      ) : data ? (
        <Text className="lz-muted lz-block">退休医生的健康小贴士和答疑，有问题可以私下提问。</Text>
      ) : null}
      {data?.inboxWaiting ? (
        <Text
          className="lz-tag bad lz-block home-inbox"
          onClick={(e) => {
            e.stopPropagation()
            openPage(HEALTH_ROUTES.inbox)
          }}
        >
          有 {data.inboxWaiting} 个提问等您回复 ›
        </Text>
      ) : null}
      {data?.myWaiting ? <Text className="lz-muted lz-block">您有 {data.myWaiting} 个提问正在等待回复</Text> : null}
    </View>
  )
}
