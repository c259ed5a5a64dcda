import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BUILDING_LIMITS, monthDayTime, type BuildingHome } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage, ROUTES } from '../../../../features/account/navigation'
import { isCommittee } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { useBuildingHome, useBuildingTagList } from '../../../../features/building/hooks'
import { BUILDING_ROUTES } from '../../../../features/building/routes'
import { charterUrl } from '../../../../features/charter/routes'
import { detailUrl } from '../../../../features/events/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/building/building.css'

/**
 * 楼组主页: the building as itself — its 特色, who leads it and how to reach them (in the building's
 * chat, by name; never a phone number), how many live here, its charter and its next events. Only
 * what exists is shown; the building's own leader chooses the 特色 here.
 */
export default function BuildingPage() {
  return (
    <PageShell className="building-page">
      <Gate>
        <Building />
      </Gate>
    </PageShell>
  )
}

function Building() {
  const buildingId = useRouter().params.buildingId || undefined
  const { me } = useSession()
  const home = useBuildingHome(buildingId)
  const [choosing, setChoosing] = useState(false)
  const { remote } = home
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const page = remote.data
  return (
    <View>
      <View className="lz-card building-name-card">
        <Text className="lz-title lz-block">{page.buildingName}</Text>
        {page.tags.length ? (
          <View className="building-tags">
            {page.tags.map((t) => (
              <Text key={t.tagId} className="building-tag chosen">
                {t.name}
              </Text>
            ))}
          </View>
        ) : null}
        {page.canSetTags && !choosing ? (
          <ActionButton tone="plain" className="choose-tags" onClick={() => setChoosing(true)}>
            {page.tags.length ? '修改本楼特色' : '选择本楼特色'}
          </ActionButton>
        ) : null}
      </View>
      {choosing ? <TagChooser page={page} home={home} onDone={() => setChoosing(false)} /> : null}
      <View className="lz-card building-people">
        <View className="building-counts">
          <Text className="lz-text">已认证居民 {page.memberCount} 人</Text>
          <Text className="lz-text">共 {page.householdCount} 户</Text>
        </View>
        {page.leaders.length ? (
          <View className="building-line" onClick={() => openPage(ROUTES.group)}>
            <Text className="lz-text">楼组长：{page.leaders.map((l) => l.name).join('、')}</Text>
            <Text className="lz-link">在楼组群里找 ›</Text>
          </View>
        ) : (
          <Text className="lz-muted lz-block">本楼还没有楼组长，请联系居委会。</Text>
        )}
      </View>
      {page.charter ? (
        <View className="lz-card building-line building-charter" onClick={() => openPage(charterUrl(page.buildingId))}>
          <Text className="lz-text">
            本楼自治公约 第 {page.charter.number} 版 · {page.charter.articleCount} 条
          </Text>
          <Text className="lz-link">›</Text>
        </View>
      ) : null}
      {page.upcomingEvents.length ? (
        <View className="lz-card building-events">
          <Text className="lz-subtitle lz-block">本楼近期活动</Text>
          {page.upcomingEvents.map((e) => (
            <View key={e.eventId} className="building-line" onClick={() => openPage(detailUrl(e.eventId))}>
              <Text className="lz-text">{e.title}</Text>
              <Text className="lz-muted">
                {monthDayTime(e.startAt)} · {e.place}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {me && isCommittee(me) ? (
        <ActionButton tone="plain" className="open-directory" onClick={() => openPage(BUILDING_ROUTES.directory)}>
          各楼主页与特色清单
        </ActionButton>
      ) : null}
    </View>
  )
}

/** The leader ticks up to a few 特色 from the committee's list. */
function TagChooser({
  page,
  home,
  onDone,
}: {
  page: BuildingHome
  home: ReturnType<typeof useBuildingHome>
  onDone: () => void
}) {
  const list = useBuildingTagList(true)
  const [picked, setPicked] = useState(() => page.tags.map((t) => t.tagId))
  const toggle = (tagId: string) =>
    setPicked((now) =>
      now.includes(tagId)
        ? now.filter((id) => id !== tagId)
        : now.length < BUILDING_LIMITS.tagsPerBuilding
          ? [...now, tagId]
          : now,
    )
  if (list.remote.loading && !list.remote.data) return <Loading />
  if (list.remote.error || !list.remote.data)
    return <ErrorState message={list.remote.error ?? '加载失败'} onRetry={() => void list.remote.reload()} />
  return (
    <View className="lz-card tag-chooser">
      <Text className="lz-text lz-block">
        从居委会的清单里选，最多 {BUILDING_LIMITS.tagsPerBuilding} 个（已选 {picked.length} 个）
      </Text>
      {list.remote.data.length ? (
        <View className="building-tags">
          {list.remote.data.map((t) => (
            <Text
              key={t.tagId}
              className={`building-tag ${picked.includes(t.tagId) ? 'chosen' : ''}`}
              onClick={() => toggle(t.tagId)}
            >
              {t.name}
            </Text>
          ))}
        </View>
      ) : (
        <Text className="lz-muted lz-block">居委会还没有列出特色，请稍后再来。</Text>
      )}
      {home.error ? <Text className="lz-error lz-block">{home.error}</Text> : null}
      <ActionButton
        className="save-tags"
        loading={home.busy}
        onClick={() => void home.setTags(picked).then((ok) => ok && onDone())}
      >
        保存
      </ActionButton>
      <ActionButton tone="plain" onClick={onDone}>
        取消
      </ActionButton>
    </View>
  )
}
