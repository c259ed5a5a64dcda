import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { openPage } from '../../../../features/account/navigation'
import { signedLine } from '../../../../features/charter/format'
import type { CharterBuildingRow } from '../../../../../contracts'
import { useCharterBuildings } from '../../../../features/charter/hooks'
import { CHARTER_ROUTES, charterUrl } from '../../../../features/charter/routes'
import { PageShell } from '../../../../features/layout/PageShell'
import '../../../../features/charter/charter.css'

/** The committee's view (引领不包办): every building's charter at a glance, and the templates it keeps. Reading only. */
export default function CharterBuildingsPage() {
  return (
    <PageShell className="charter-buildings-page">
      <Gate>
        <Buildings />
      </Gate>
    </PageShell>
  )
}

function Buildings() {
  const remote = useCharterBuildings()
  if (remote.loading && !remote.data) return <Loading />
  if (remote.error || !remote.data)
    return <ErrorState message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  return (
    <View>
      <ActionButton className="open-templates" onClick={() => openPage(CHARTER_ROUTES.templates)}>
        公约范本（居委会编写）
      </ActionButton>
      <Text className="lz-muted lz-block">各楼的公约由本楼起草、表决；居委会可以看，不能改。</Text>
      <View className="lz-card charter-buildings">
        {remote.data.map((b) => (
          <View key={b.buildingId} className="charter-list-item" onClick={() => openPage(charterUrl(b.buildingId))}>
            <View className="lz-row">
              <Text className="lz-text">{b.buildingName}</Text>
              <Text className={`lz-tag ${b.currentNumber ? 'ok' : ''}`}>
                {b.currentNumber ? `第 ${b.currentNumber} 版` : '还没有公约'}
              </Text>
            </View>
            {b.currentNumber || b.draftStatus ? <Text className="lz-muted lz-block">{buildingLine(b)}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}

/** e.g. 36 户中 12 户已签约 · 有草案正在表决 */
function buildingLine(b: CharterBuildingRow): string {
  const parts = [
    b.currentNumber ? signedLine(b.signedCount, b.householdCount) : '',
    b.draftStatus ? `有草案${b.draftStatus === 'voting' ? '正在表决' : ''}` : '',
  ]
  return parts.filter(Boolean).join(' · ')
}
