import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { PageShell } from '../../../../features/layout/PageShell'
import { QrCode } from '../../../../components/QrCode'
import { ErrorState, Loading } from '../../../../components/States'
import { BuildingPicker } from '../../../../features/account/BuildingPicker'
import { Gate } from '../../../../features/account/Gate'
import { joinLinkUrl } from '../../../../features/account/join-link'
import { ROUTES } from '../../../../features/account/navigation'
import { useManagedBuilding } from '../../../../features/account/useManagedBuilding'
import { CAN_PRINT, linkInto, printPage } from '../../../../platform/device'
import { fullDate } from '../../../../utils/time'
import { useJoinPoster } from '../../../../features/account/useBuildingAdmin'
import './index.css'

/**
 * Where the QR code leads. In the browser: this app's onboarding page. In WeChat: the HTTPS link
 * registered for 扫普通链接二维码打开小程序 (TARO_APP_JOIN_URL), which opens onboarding with `q`.
 */
function joinBase(): string {
  return linkInto(ROUTES.onboarding, process.env.TARO_APP_JOIN_URL || 'https://louzu.example.cn/join')
}

export default function PosterPage() {
  return (
    <PageShell className="poster-page">
      <Gate>
        <Poster />
      </Gate>
    </PageShell>
  )
}

function Poster() {
  const { buildingId, setBuildingId, choices } = useManagedBuilding()
  const { poster, rotate: rotating } = useJoinPoster(buildingId)

  async function rotate() {
    const answer = await Taro.showModal({
      title: '更换入楼码？',
      content: '换了以后，旧海报上的入楼码和二维码立即失效，请把新海报贴到大堂。已加入的邻居不受影响。',
      confirmText: '更换',
      cancelText: '取消',
    })
    if (!answer.confirm || !buildingId) return
    const outcome = await rotating.run()
    if (!outcome.ok) void Taro.showToast({ title: outcome.failure.message, icon: 'none' })
  }

  return (
    <View>
      <View className="no-print">
        <BuildingPicker value={buildingId} onChange={setBuildingId} only={choices} />
      </View>
      {poster.loading && !poster.data ? <Loading /> : null}
      {poster.error ? <ErrorState message={poster.error} onRetry={() => void poster.reload()} /> : null}
      {poster.data ? (
        <View>
          <View className="poster">
            <Text className="poster-title lz-block">
              {poster.data.estateName} {poster.data.buildingName}
            </Text>
            <Text className="poster-heading lz-block">欢迎加入本楼楼组</Text>
            <Text className="lz-text lz-block">用微信扫一扫下面的二维码，或在“楼组一片天”小程序里填写入楼码：</Text>
            <QrCode
              className="poster-qr"
              value={joinLinkUrl(joinBase(), poster.data.buildingId, poster.data.joinCode)}
            />
            <Text className="poster-code lz-block">{poster.data.joinCode}</Text>
            <Text className="lz-muted lz-block">
              入楼码只给本楼住户使用，请勿外传。更新于 {fullDate(poster.data.rotatedAt)}
            </Text>
          </View>
          <View className="no-print">
            {CAN_PRINT ? (
              <ActionButton className="print-poster" onClick={printPage}>
                打印海报
              </ActionButton>
            ) : (
              <Text className="lz-muted lz-block">截屏保存这张海报，发到电脑上打印。</Text>
            )}
            <ActionButton tone="plain" className="rotate-code" loading={rotating.busy} onClick={() => void rotate()}>
              更换入楼码（旧码失效）
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}
