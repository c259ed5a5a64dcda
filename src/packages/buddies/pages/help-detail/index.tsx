import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { HelpRequestView } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { CompleteHelpCard } from '../../../../features/buddies/help/CompleteHelpCard'
import { HelpRequestFacts } from '../../../../features/buddies/help/HelpRequestFacts'
import { useHelpRequest } from '../../../../features/buddies/useHelpRequest'
import { PageShell } from '../../../../features/layout/PageShell'
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

function HelpDetail() {
  const requestId = useRouter().params.id ?? ''
  const help = useHelpRequest(requestId)
  const { remote, busy, error } = help

  if (!requestId) return <EmptyState title="没有找到这个求助" />
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error) return <ErrorState message={remote.error} onRetry={() => void remote.reload()} />
  const r = remote.data as HelpRequestView

  async function confirmThen(title: string, content: string, then: () => Promise<void>) {
    const answer = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' })
    if (answer.confirm) await then()
  }

  return (
    <View>
      <HelpRequestFacts request={r} />

      {r.mine.canOffer ? (
        <ActionButton className="offer-help" loading={busy === 'offer'} onClick={() => void help.offer()}>
          我来帮忙
        </ActionButton>
      ) : null}

      {r.mine.canAcceptOrDecline ? (
        <View className="lz-card">
          <Text className="lz-text lz-block">{r.helperName} 愿意帮忙。接受后，对方会看到您的门牌号。</Text>
          <ActionButton className="accept-offer" loading={busy === 'accept'} onClick={() => void help.accept()}>
            接受帮忙
          </ActionButton>
          <ActionButton
            tone="plain"
            className="decline-offer"
            loading={busy === 'decline'}
            onClick={() => void help.decline()}
          >
            不用了，谢谢
          </ActionButton>
        </View>
      ) : null}

      {r.mine.canComplete ? <CompleteHelpCard busy={busy === 'complete'} onComplete={help.complete} /> : null}

      {r.mine.canWithdraw ? (
        <ActionButton
          tone="plain"
          className="withdraw-offer"
          loading={busy === 'withdraw'}
          onClick={() =>
            void confirmThen('临时来不了？', '求助会重新开放给其他小伙伴，我们会告诉对方。', help.withdraw)
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
              help.cancel,
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
