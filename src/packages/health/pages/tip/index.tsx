import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { PageShell } from '../../../../features/layout/PageShell'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { Disclaimer } from '../../../../features/health/Disclaimer'
import { goBackOr, HEALTH_ROUTES } from '../../../../features/health/routes'
import { useColumnist } from '../../../../features/health/useColumnist'
import { fullDate } from '../../../../utils/time'
import { useTakeDownTip, useTip } from '../../../../features/health/useTips'
import './index.css'

export default function TipPage() {
  return (
    <PageShell className="health-tip">
      <Gate>
        <Tip />
      </Gate>
    </PageShell>
  )
}

function Tip() {
  const tipId = useRouter().params.id ?? ''
  const { columnist, committee } = useColumnist()
  const tip = useTip(tipId)
  const takingDown = useTakeDownTip(tipId)

  async function takeDown() {
    const answer = await Taro.showModal({
      title: '撤下这篇小贴士？',
      content: '撤下后邻居们就看不到了，也搜不到。',
      confirmText: '撤下',
      cancelText: '取消',
    })
    if (!answer.confirm) return
    if (!(await takingDown.run()).ok) return
    void Taro.showToast({ title: '已撤下', icon: 'success' })
    goBackOr(HEALTH_ROUTES.column)
  }

  if (tip.loading && !tip.data) return <Loading />
  if (tip.error || !tip.data) return <ErrorState message={tip.error ?? '加载失败'} onRetry={() => void tip.reload()} />
  const t = tip.data
  return (
    <View>
      <View className="lz-card">
        <Text className="lz-title tip-heading">{t.title}</Text>
        <Text className="health-meta">
          {t.author} · {fullDate(t.publishedAt)}
          {t.updatedAt ? ` · ${fullDate(t.updatedAt)} 修改` : ''}
        </Text>
        {t.tags.length ? (
          <View className="tip-tags">
            {t.tags.map((tag) => (
              <Text key={tag} className="lz-tag">
                # {tag}
              </Text>
            ))}
          </View>
        ) : null}
        <Text className="lz-text health-pre tip-body">{t.body}</Text>
      </View>
      <Disclaimer />
      <ActionButton onClick={() => openPage(HEALTH_ROUTES.ask)}>有问题？向医生提问</ActionButton>
      {columnist ? (
        <ActionButton
          tone="plain"
          className="edit-tip"
          onClick={() => openPage(`${HEALTH_ROUTES.write}?id=${t.tipId}`)}
        >
          修改这篇小贴士
        </ActionButton>
      ) : null}
      {columnist || committee ? (
        <ActionButton tone="danger" className="unpublish-tip" loading={takingDown.busy} onClick={() => void takeDown()}>
          撤下
        </ActionButton>
      ) : null}
      {takingDown.error ? <Text className="lz-error">{takingDown.error.message}</Text> : null}
    </View>
  )
}
