import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { ActionButton } from '../../../../components/Buttons'
import { QrCode } from '../../../../components/QrCode'
import { EmptyState, ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { charterPosterLink } from '../../../../features/charter/charter-link'
import { effectiveLabel } from '../../../../features/charter/format'
import { useCharter } from '../../../../features/charter/hooks'
import { PageShell } from '../../../../features/layout/PageShell'
import { CAN_PRINT, printPage } from '../../../../platform/device'
import './index.css'

/** The lobby poster: the current charter in large type and a QR code to read and sign it. Prints on A3. */
export default function CharterPosterPage() {
  return (
    <PageShell className="charter-poster-page">
      <Gate>
        <Poster />
      </Gate>
    </PageShell>
  )
}

function Poster() {
  const buildingId = useRouter().params.buildingId || undefined
  const { remote } = useCharter(buildingId)
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const { current, buildingName } = remote.data
  if (!current) return <EmptyState title="本楼还没有通过的公约" hint="公约表决通过以后，才能打印海报。" />
  return (
    <View>
      <View className="charter-poster">
        <Text className="charter-poster-building lz-block">{buildingName}</Text>
        <Text className="charter-poster-heading lz-block">楼组自治公约</Text>
        <Text className="charter-poster-version lz-block">
          第 {current.number} 版 · {effectiveLabel(current.effectiveAt)}
        </Text>
        {current.articles.map((article, i) => (
          <View key={article.title} className="charter-poster-article">
            <Text className="charter-poster-article-title lz-block">
              {i + 1}. {article.title}
            </Text>
            <Text className="charter-poster-article-text lz-block">{article.text}</Text>
          </View>
        ))}
        <View className="charter-poster-footer">
          <QrCode className="charter-poster-qr" value={charterPosterLink(remote.data.buildingId)} size={320} />
          <Text className="charter-poster-call">微信扫一扫，读全文、替全家签约</Text>
        </View>
      </View>
      <View className="no-print">
        {CAN_PRINT ? (
          <ActionButton className="print-poster" onClick={() => printPage('A3')}>
            打印海报（A3）
          </ActionButton>
        ) : (
          <Text className="lz-muted lz-block">截屏保存这张海报，发到电脑上用 A3 纸打印。</Text>
        )}
      </View>
    </View>
  )
}
