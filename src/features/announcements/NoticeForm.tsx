import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import dayjs from 'dayjs'
import { LabelledSwitch } from '../../components/LabelledSwitch'
import { useDraft } from '../account/useDraft'
import { useEffect, useState } from 'react'
import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENT_TITLE_MAX,
  characterCount,
  type AnnouncementDetail,
} from '../../../contracts'
import { ActionButton } from '../../components/Buttons'
import { fullDate } from '../../utils/time'
import { ROUTES } from '../account/navigation'
import { usePublishNotice, type AudienceChoice } from './usePublish'

function endOfDay(date: string): number {
  return dayjs(date).endOf('day').valueOf()
}

/** A notice's audience, title, body, 置顶/紧急 and expiry; publishing a new one or saving an edit. */
export function NoticeForm({
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
  useEffect(() => setChoice(initialChoice), [initialChoice])

  const audience = editing ? null : choices[choice]
  const save = usePublishNotice(editing, audience?.audience)
  const today = dayjs().format('YYYY-MM-DD')

  async function submit() {
    const outcome = await save.run({ title, body, pinned, urgent, expiresAt })
    if (!outcome.ok) return
    clearTitle()
    clearBody()
    void Taro.showToast({ title: editing ? '已保存' : '已发布', icon: 'success' })
    void Taro.redirectTo({ url: `${ROUTES.announcement}?id=${outcome.value.announcementId}` })
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

      <LabelledSwitch
        label="置顶"
        rowClassName="lz-row"
        className="pinned-switch"
        checked={pinned}
        activeText="是"
        inactiveText="否"
        onChange={setPinned}
      />
      <LabelledSwitch
        label="紧急"
        rowClassName="lz-row"
        className="urgent-switch"
        checked={urgent}
        activeText="是"
        inactiveText="否"
        onChange={setUrgent}
      />
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
        loading={save.busy}
        disabled={!title.trim() || !body.trim()}
        onClick={() => void submit()}
      >
        {editing ? '保存修改' : '发布并通知邻居'}
      </ActionButton>
      {save.error ? <Text className="lz-error publish-error">{save.error.message}</Text> : null}
    </View>
  )
}
