import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { BUILDING_LIMITS, SUGGESTED_BUILDING_TAGS } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { useBuildingDirectory, useBuildingTagList } from '../../../../features/building/hooks'
import { buildingUrl } from '../../../../features/building/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/building/building.css'

/** The committee's view: the list of 特色 it keeps, and every building's page with the 特色 its leader chose. */
export default function BuildingDirectoryPage() {
  return (
    <PageShell className="building-directory-page">
      <Gate>
        <TagList />
        <Directory />
      </Gate>
    </PageShell>
  )
}

function TagList() {
  const list = useBuildingTagList(true)
  const [name, setName] = useState('')
  if (list.remote.loading && !list.remote.data) return <Loading />
  if (list.remote.error || !list.remote.data)
    return <ErrorState message={list.remote.error ?? '加载失败'} onRetry={() => void list.remote.reload()} />
  const tags = list.remote.data
  const add = (tagName: string) => void list.add(tagName).then((ok) => ok && setName(''))
  const suggestions = SUGGESTED_BUILDING_TAGS.filter((s) => !tags.some((t) => t.name === s))
  return (
    <View className="lz-card building-tag-list">
      <Text className="lz-subtitle lz-block">特色清单（楼组长从这里选）</Text>
      {tags.length ? (
        tags.map((t) => (
          <View key={t.tagId} className="building-line">
            <Text className="lz-text">{t.name}</Text>
            <ActionButton tone="plain" loading={list.busy} onClick={() => void list.remove(t.tagId)}>
              删去
            </ActionButton>
          </View>
        ))
      ) : (
        <Text className="lz-muted lz-block">清单还是空的。</Text>
      )}
      {suggestions.length ? (
        <View className="building-tags">
          {suggestions.map((s) => (
            <Text key={s} className="building-tag suggested" onClick={() => add(s)}>
              + {s}
            </Text>
          ))}
        </View>
      ) : null}
      <Input
        className="lz-input new-tag-name"
        value={name}
        maxlength={BUILDING_LIMITS.tagNameMax}
        placeholder="其他特色，例如 书香楼组"
        onInput={(e) => setName(e.detail.value)}
      />
      {list.error ? <Text className="lz-error lz-block">{list.error}</Text> : null}
      <ActionButton className="add-tag" loading={list.busy} disabled={!name.trim()} onClick={() => add(name.trim())}>
        加入清单
      </ActionButton>
    </View>
  )
}

function Directory() {
  const remote = useBuildingDirectory()
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  return (
    <View className="lz-card building-directory">
      <Text className="lz-subtitle lz-block">各楼主页</Text>
      {remote.data.map((b) => (
        <View key={b.buildingId} className="building-line" onClick={() => openPage(buildingUrl(b.buildingId))}>
          <Text className="lz-text">{b.buildingName}</Text>
          <Text className="lz-muted">{b.tags.length ? b.tags.map((t) => t.name).join('、') : '未选特色'} ›</Text>
        </View>
      ))}
    </View>
  )
}
