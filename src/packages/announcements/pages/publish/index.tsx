import Switch from '@nutui/nutui-react-taro/dist/es/packages/switch'
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useEffect, useMemo, useState } from 'react'
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  characterCount,
  NEIGHBOURHOOD_AUDIENCE_NAME,
  type AnnouncementAudience,
  type AnnouncementDetail,
} from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { ROUTES } from '../../../../features/account/navigation'
import { isCommittee, managedBuildingIds } from '../../../../features/account/roles'
import { useSession } from '../../../../features/account/session'
import { PageShell } from '../../../../features/layout/PageShell'
import { useRemote } from '../../../../hooks/useRemote'
import { fullDate } from '../../../../utils/time'
import { announcementsApi, messageOf } from '../../../../features/announcements/api'
import { accountApi } from '../../../../features/account/api'
import { useDraft } from '../../../../features/account/useDraft'
import './index.css'

export default function PublishPage() {
  return (
    <PageShell className="publish-page">
      <Gate>
        <Publish />
      </Gate>
    </PageShell>
  )
}

function Publish() {
  const { me } = useSession()
  const params = useRouter().params
  const editingId = params.id ?? null
  const led = managedBuildingIds(me)
  const committee = isCommittee(me)
  const existing = useRemote(() => announcementsApi.get({ announcementId: editingId ?? '' }), [editingId], {
    enabled: !!editingId,
  })

  if (!committee && !led.length)
    return <EmptyState title="只有楼组长和居委会可以发布公告" hint="有事想告诉邻居，可以在楼组群里说。" />
  if (editingId) {
    if (existing.loading && !existing.data) return <Loading />
    if (existing.error || !existing.data)
      return <ErrorState message={existing.error ?? '加载失败'} onRetry={() => void existing.reload()} />
    return <NoticeForm editing={existing.data} choices={[]} />
  }
  return <AudienceAndForm committee={committee} led={led} preferred={params.buildingId ?? null} />
}

interface AudienceChoice {
  label: string
  audience: AnnouncementAudience
}

/** Leaders choose among the buildings they lead; the committee among all, or the whole neighbourhood. */
function AudienceAndForm({
  committee,
  led,
  preferred,
}: {
  committee: boolean
  led: string[]
  preferred: string | null
}) {
  const buildings = useRemote(() => accountApi.listBuildings(), [])
  const choices = useMemo<AudienceChoice[]>(() => {
    const all = (buildings.data?.estates ?? []).flatMap((e) =>
      e.buildings.map((b) => ({ buildingId: b.buildingId, label: `${e.name} ${b.name}` })),
    )
    const mine = all
      .filter((b) => led.includes(b.buildingId))
      .map((b) => ({ label: b.label, audience: { buildingId: b.buildingId } }))
    if (!committee) return mine
    const others = all
      .filter((b) => !led.includes(b.buildingId))
      .map((b) => ({ label: b.label, audience: { buildingId: b.buildingId } }))
    return [
      ...mine,
      { label: `${NEIGHBOURHOOD_AUDIENCE_NAME}（所有楼）`, audience: 'neighbourhood' as const },
      ...others,
    ]
  }, [buildings.data, committee, led])
  if (buildings.loading && !buildings.data) return <Loading />
  if (buildings.error) return <ErrorState message={buildings.error} onRetry={() => void buildings.reload()} />
  const initial = Math.max(
    0,
    choices.findIndex((c) => c.audience !== 'neighbourhood' && c.audience.buildingId === preferred),
  )
  return <NoticeForm choices={choices} initialChoice={initial} />
}

function endOfDay(date: string): number {
  return dayjs(date).endOf('day').valueOf()
}

function NoticeForm({
  editing,
  choices,
  initialChoice = 0,
}: {
  editing?: AnnouncementDetail
  choices: AudienceChoice[]
  initialChoice?: number
}) {
  const [choice, setChoice] = useState(initialChoice)
  // A new notice's words are kept on the device until it is published (an edit starts from the notice).
  const [title, setTitle, clearTitle] = useDraft(editing ? null : 'announcement:title', editing?.title ?? '')
  const [body, setBody, clearBody] = useDraft(editing ? null : 'announcement:body', editing?.body ?? '')
  const [pinned, setPinned] = useState(editing?.pinned ?? false)
  const [urgent, setUrgent] = useState(editing?.urgent ?? false)
  const [expiresAt, setExpiresAt] = useState<number | null>(editing?.expiresAt ?? null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setChoice(initialChoice), [initialChoice])

  const audience = editing ? null : choices[choice]
  const today = dayjs().format('YYYY-MM-DD')

  async function submit() {
    setBusy(true)
    setError(null)
    try {
      let saved: AnnouncementDetail
      if (editing) {
        // Only what changed: an expired notice can then be fixed without touching its old expiry.
        saved = await announcementsApi.edit({
          announcementId: editing.announcementId,
          ...(title !== editing.title ? { title } : {}),
          ...(body !== editing.body ? { body } : {}),
          ...(pinned !== editing.pinned ? { pinned } : {}),
          ...(urgent !== editing.urgent ? { urgent } : {}),
          ...(expiresAt !== (editing.expiresAt ?? null) ? { expiresAt } : {}),
        })
      } else {
        if (!audience) throw new Error('no audience')
        saved = await announcementsApi.publish({
          audience: audience.audience,
          title,
          body,
          pinned,
          urgent,
          ...(expiresAt !== null ? { expiresAt } : {}),
        })
      }
      clearTitle()
      clearBody()
      void Taro.showToast({ title: editing ? '已保存' : '已发布', icon: 'success' })
      void Taro.redirectTo({ url: `${ROUTES.announcement}?id=${saved.announcementId}` })
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="lz-card publish-form">
      <Text className="publish-label">发给谁</Text>
      {editing ? (
        <Text className="lz-text lz-block publish-audience">{editing.audienceName}（发布后不能更改）</Text>
      ) : choices.length > 1 ? (
        <Picker
          mode="selector"
          range={choices.map((c) => c.label)}
          value={choice}
          onChange={(e) => setChoice(Number(e.detail.value))}
        >
          <View className="lz-row publish-choice publish-audience">
            <Text className="lz-text">{audience?.label ?? '请选择'}</Text>
            <Text className="lz-link">更改 ›</Text>
          </View>
        </Picker>
      ) : (
        <Text className="lz-text lz-block publish-audience">{audience?.label}</Text>
      )}

      <Text className="publish-label">标题</Text>
      <Input
        className="lz-input publish-title"
        value={title}
        maxlength={ANNOUNCEMENT_TITLE_MAX}
        placeholder="例如：周六上午电梯年检"
        onInput={(e) => setTitle(e.detail.value)}
      />
      <Text className="lz-muted publish-counter">
        {characterCount(title)}/{ANNOUNCEMENT_TITLE_MAX}
      </Text>

      <Text className="publish-label">正文</Text>
      <Textarea
        className="publish-body"
        value={body}
        maxlength={ANNOUNCEMENT_BODY_MAX}
        autoHeight
        placeholder="写清楚什么时间、什么地点、需要大家做什么"
        onInput={(e) => setBody(e.detail.value)}
      />
      <Text className="lz-muted publish-counter">
        {characterCount(body)}/{ANNOUNCEMENT_BODY_MAX}
      </Text>

      <View className="lz-row">
        <Text className="lz-text">置顶</Text>
        <Switch
          className="pinned-switch"
          checked={pinned}
          activeText="是"
          inactiveText="否"
          onChange={(value) => setPinned(value)}
        />
      </View>
      <View className="lz-row">
        <Text className="lz-text">紧急</Text>
        <Switch
          className="urgent-switch"
          checked={urgent}
          activeText="是"
          inactiveText="否"
          onChange={(value) => setUrgent(value)}
        />
      </View>
      <Text className="lz-muted publish-hint">紧急公告标着【紧急】，在邻居看过之前一直排在首页公告的最上面。</Text>

      <Text className="publish-label">有效期</Text>
      <Picker
        mode="date"
        value={expiresAt ? dayjs(expiresAt).format('YYYY-MM-DD') : today}
        start={today}
        onChange={(e) => setExpiresAt(endOfDay(e.detail.value))}
      >
        <View className="lz-row publish-choice publish-expiry">
          <Text className="lz-text">{expiresAt ? `${fullDate(expiresAt)} 当天结束` : '一直有效'}</Text>
          <Text className="lz-link">选日期 ›</Text>
        </View>
      </Picker>
      {expiresAt ? (
        <Text className="lz-link lz-block clear-expiry" onClick={() => setExpiresAt(null)}>
          改为一直有效
        </Text>
      ) : null}
      <Text className="lz-muted publish-hint">过期后公告从首页消失，您仍能在“公告管理”里看到。</Text>

      <ActionButton
        className="submit-announcement"
        loading={busy}
        disabled={!title.trim() || !body.trim()}
        onClick={() => void submit()}
      >
        {editing ? '保存修改' : '发布并通知邻居'}
      </ActionButton>
      {error ? <Text className="lz-error publish-error">{error}</Text> : null}
    </View>
  )
}
