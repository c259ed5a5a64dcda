import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { characterCount, TAGS_MAX, TIP_BODY_MAX, TIP_TITLE_MAX } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { HEALTH_ROUTES } from '../../../../features/health/routes'
import { useColumnist } from '../../../../features/health/useColumnist'
import { useWriteTip } from '../../../../features/health/useTips'
import './index.css'

export default function WriteTipPage() {
  return (
    <PageShell className="health-write">
      <Gate>
        <WriteTip />
      </Gate>
    </PageShell>
  )
}

function parseTags(text: string): string[] {
  return text
    .split(/[\s,，、#]+/)
    .map((t) => t.trim())
    .filter(Boolean)
}

function WriteTip() {
  const tipId = useRouter().params.id
  const { columnist } = useColumnist()
  const { existing, save: saving } = useWriteTip(tipId, columnist)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [tags, setTags] = useState('')

  useEffect(() => {
    if (!existing.data) return
    setTitle(existing.data.title)
    setBody(existing.data.body)
    setTags(existing.data.tags.join(' '))
  }, [existing.data])

  async function save() {
    const outcome = await saving.run({ title, body, tags: parseTags(tags) })
    if (!outcome.ok) return
    void Taro.showToast({ title: tipId ? '已保存' : '已发布', icon: 'success' })
    openPage(`${HEALTH_ROUTES.tip}?id=${outcome.value.tipId}`)
  }

  if (!columnist) return <EmptyState title="只有健康专栏作者可以写小贴士" />
  if (tipId && existing.loading && !existing.data) return <Loading />
  if (tipId && existing.error) return <ErrorState message={existing.error} onRetry={() => void existing.reload()} />
  return (
    <View>
      <View className="lz-card">
        <Text className="health-label">标题</Text>
        <Input
          className="lz-input tip-title-input"
          value={title}
          maxlength={TIP_TITLE_MAX}
          placeholder="例如：天冷了，注意血压"
          onInput={(e) => setTitle(e.detail.value)}
        />
        <Text className="health-counter">
          {characterCount(title.trim())}/{TIP_TITLE_MAX}
        </Text>
        <Text className="health-label">正文</Text>
        <Textarea
          className="health-textarea tip-body-input"
          value={body}
          maxlength={TIP_BODY_MAX}
          placeholder="写给邻居们的健康小知识，通俗易懂。"
          onInput={(e) => setBody(e.detail.value)}
        />
        <Text className="health-counter">
          {characterCount(body.trim())}/{TIP_BODY_MAX}
        </Text>
        <Text className="health-label">标签（可不填，用空格分开，最多 {TAGS_MAX} 个）</Text>
        <Input
          className="lz-input tip-tags-input"
          value={tags}
          placeholder="例如：高血压 冬季"
          onInput={(e) => setTags(e.detail.value)}
        />
      </View>
      {!tipId ? <Text className="lz-muted lz-block">发布后，关注专栏的邻居会收到通知。</Text> : null}
      {saving.error ? <Text className="lz-error tip-error">{saving.error.message}</Text> : null}
      <ActionButton
        className="save-tip"
        loading={saving.busy}
        disabled={!title.trim() || !body.trim()}
        onClick={() => void save()}
      >
        {tipId ? '保存修改' : '发布小贴士'}
      </ActionButton>
      <ActionButton tone="plain" onClick={() => openPage(HEALTH_ROUTES.column)}>
        取消
      </ActionButton>
    </View>
  )
}
