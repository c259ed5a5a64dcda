import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { BUDDY_LIMITS, HELP_STATUS_NAMES, type HelpRequestView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { helpTone, minutesLabel } from '../../../../features/buddies/format'
import { PageShell } from '../../../../features/layout/PageShell'
import { requestSubscriptions } from '../../../../features/notifications/subscribe'
import { useRemote } from '../../../../hooks/useRemote'
import { dayAndTime } from '../../../../utils/time'
import { buddiesApi, messageOf } from '../../../../features/buddies/api'
import '../../../../features/buddies/buddies.css'

export default function HelpDetailPage() {
  return (
    <PageShell className="buddy-help-detail-page">
      <Gate>
        <HelpDetail />
      </Gate>
    </PageShell>
  )
}

const MINUTE_PICKS = [30, 60, 90, 120]

function HelpDetail() {
  const requestId = useRouter().params.id ?? ''
  const remote = useRemote(() => buddiesApi.getHelpRequest({ requestId }), [requestId], { enabled: !!requestId })
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [minutes, setMinutes] = useState('')

  if (!requestId) return <EmptyState title="没有找到这个求助" />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const r = remote.data as HelpRequestView

  async function act(name: string, work: () => Promise<HelpRequestView>, done: string) {
    setBusy(name)
    setError(null)
    try {
      remote.setData(await work())
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (e) {
      setError(messageOf(e))
      // Someone else may have moved it meanwhile (taken, cancelled): show how it is now.
      void remote.reload()
    } finally {
      setBusy(null)
    }
  }

  async function confirmThen(title: string, content: string, then: () => Promise<void>) {
    const answer = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' })
    if (answer.confirm) await then()
  }

  const ref = { requestId }

  function offer() {
    // On the tap itself (WeChat shows its prompt only in answer to one): may we tell the buddy on
    // WeChat when the neighbour accepts (or no longer needs it)? A refusal only means the in-app notice.
    const grant = requestSubscriptions(['helpUpdate'])
    return act(
      'offer',
      async () => {
        const offered = await buddiesApi.offerHelp(ref)
        await grant
        return offered
      },
      '已告诉对方',
    )
  }
  const minutesValue = Number(minutes)
  const minutesOk =
    Number.isInteger(minutesValue) && minutesValue >= BUDDY_LIMITS.minutesMin && minutesValue <= BUDDY_LIMITS.minutesMax

  return (
    <View>
      <View className="lz-card help-detail">
        <View className="lz-row help-card-head">
          <Text className="lz-title help-skill">{r.skill}</Text>
          <Text className={`lz-tag ${helpTone(r.status)} help-status`}>{HELP_STATUS_NAMES[r.status]}</Text>
        </View>
        <Text className="lz-text lz-block">时间：{r.when}</Text>
        {r.note ? <Text className="lz-text lz-block help-note">{r.note}</Text> : null}
        <Text className="lz-muted lz-block">
          {r.onBehalf ? `楼组长${r.requesterName}代邻居登记` : `求助人：${r.requesterName}`} · {r.buildingLabel}
        </Text>
        <Text className="lz-muted lz-block">发出于 {dayAndTime(r.createdAt)}</Text>
        {r.helperName ? <Text className="lz-text lz-block helper-name">帮忙的小伙伴：{r.helperName}</Text> : null}
        {r.minutes !== undefined ? <Text className="lz-text lz-block">志愿时长：{minutesLabel(r.minutes)}</Text> : null}
      </View>

      {r.room && r.mine.isHelper ? (
        <View className="lz-card room-reveal">
          <Text className="lz-subtitle">对方已确认，请按约定时间上门</Text>
          <Text className="lz-title revealed-room">
            {r.buildingLabel} {r.room}室
          </Text>
        </View>
      ) : null}
      {r.mine.isHelper && r.status === 'offered' ? (
        <Text className="lz-muted lz-block waiting-note">等对方确认后，这里会显示门牌号。</Text>
      ) : null}
      {r.room && !r.mine.isHelper ? (
        <Text className="lz-muted lz-block">门牌：{r.room}室（对方接受帮忙后才会显示给小伙伴）</Text>
      ) : null}

      {r.mine.canOffer ? (
        <ActionButton className="offer-help" loading={busy === 'offer'} onClick={() => void offer()}>
          我来帮忙
        </ActionButton>
      ) : null}

      {r.mine.canAcceptOrDecline ? (
        <View className="lz-card">
          <Text className="lz-text lz-block">{r.helperName} 愿意帮忙。接受后，对方会看到您的门牌号。</Text>
          <ActionButton
            className="accept-offer"
            loading={busy === 'accept'}
            onClick={() => void act('accept', () => buddiesApi.acceptOffer(ref), '已接受')}
          >
            接受帮忙
          </ActionButton>
          <ActionButton
            tone="plain"
            className="decline-offer"
            loading={busy === 'decline'}
            onClick={() => void act('decline', () => buddiesApi.declineOffer(ref), '已婉拒')}
          >
            不用了，谢谢
          </ActionButton>
        </View>
      ) : null}

      {r.mine.canComplete ? (
        <View className="lz-card complete-card">
          <Text className="lz-subtitle">帮完了吗？</Text>
          <Text className="buddy-why">确认完成后，会给小伙伴记上这次帮忙的志愿时长。</Text>
          <View className="lz-chips minute-picks">
            {MINUTE_PICKS.map((m) => (
              <View
                key={m}
                className={`lz-chip ${minutes === String(m) ? 'chosen' : ''}`}
                onClick={() => setMinutes(String(m))}
              >
                <Text>{minutesLabel(m)}</Text>
              </View>
            ))}
          </View>
          <Input
            className="lz-input minutes-input"
            type="number"
            value={minutes}
            maxlength={3}
            placeholder="或填写分钟数，例如 45"
            onInput={(e) => setMinutes(e.detail.value)}
          />
          <ActionButton
            className="complete-help"
            disabled={!minutesOk}
            loading={busy === 'complete'}
            onClick={() =>
              void act('complete', () => buddiesApi.completeHelp({ requestId, minutes: minutesValue }), '已确认完成')
            }
          >
            确认已完成
          </ActionButton>
        </View>
      ) : null}

      {r.mine.canWithdraw ? (
        <ActionButton
          tone="plain"
          className="withdraw-offer"
          loading={busy === 'withdraw'}
          onClick={() =>
            void confirmThen('临时来不了？', '求助会重新开放给其他小伙伴，我们会告诉对方。', () =>
              act('withdraw', () => buddiesApi.withdrawOffer(ref), '已退出'),
            )
          }
        >
          我临时来不了
        </ActionButton>
      ) : null}

      {r.mine.canCancel ? (
        <ActionButton
          tone="danger"
          className="cancel-help"
          loading={busy === 'cancel'}
          onClick={() =>
            void confirmThen(
              '取消这个求助？',
              r.helperName ? '我们会告诉帮忙的小伙伴不用来了。' : '取消后小伙伴们就看不到了。',
              () => act('cancel', () => buddiesApi.cancelHelp(ref), '已取消'),
            )
          }
        >
          取消求助
        </ActionButton>
      ) : null}
      {error ? <Text className="lz-error">{error}</Text> : null}
    </View>
  )
}
