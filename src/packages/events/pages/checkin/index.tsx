import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { QrCode } from '../../../../components/QrCode'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { checkInLink } from '../../../../features/events/checkin-link'
import { EVENT_ROUTES } from '../../../../features/events/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import { dayAndTime } from '../../../../utils/time'
import { useCheckInCode } from '../../../../features/events/useCheckInCode'
import './index.css'

/**
 * The organiser holds this screen up at the door: a QR code (and its six digits) that changes
 * every minute, so a photo sent to a friend at home is useless a minute later.
 */
export default function CheckInCodePage() {
  return (
    <PageShell className="checkin-code-page">
      <Gate>
        <CheckInCode />
      </Gate>
    </PageShell>
  )
}

function CheckInCode() {
  const eventId = useRouter().params.id ?? ''
  const { view, error } = useCheckInCode(eventId)

  if (!eventId) return <EmptyState title="没有找到这个活动" />
  if (!view && error) return <ErrorState message={error} />
  if (!view) return <Loading />
  return (
    <View className="checkin-code">
      {view.open ? (
        <View className="lz-card checkin-card">
          <Text className="lz-subtitle">请用“楼组一片天”扫码签到</Text>
          <QrCode className="checkin-qr" value={checkInLink(eventId, view.code)} size={560} />
          <Text className="lz-muted lz-block">扫不了的邻居，可以在活动页输入签到码：</Text>
          <Text className="checkin-digits lz-block">{view.code}</Text>
          <Text className="lz-muted lz-block">二维码每分钟自动更换</Text>
        </View>
      ) : (
        <View className="lz-card">
          <Text className="lz-subtitle">现在还不是签到时间</Text>
          <Text className="lz-text lz-block">
            签到从 {dayAndTime(view.opensAt)} 开始，到 {dayAndTime(view.closesAt)}{' '}
            结束。到时候打开这一页，二维码会自动出现。
          </Text>
        </View>
      )}
      {error ? <Text className="lz-error">{error}</Text> : null}
      <ActionButton
        tone="plain"
        className="open-roster"
        onClick={() => openPage(`${EVENT_ROUTES.roster}?id=${eventId}`)}
      >
        名单与手工签到
      </ActionButton>
    </View>
  )
}
