import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ActionButton } from '../../../../components/Buttons'
import { Gate } from '../../../../features/account/Gate'
import { isCommittee } from '../../../../features/account/roles'
import { openPage, ROUTES } from '../../../../features/account/navigation'
import { useSession } from '../../../../features/account/session'
import { PageShell } from '../../../../features/layout/PageShell'
import { useClaimCommittee } from '../../../../features/account/useBuildingAdmin'
import './index.css'

/**
 * 居委会认领: the first committee member types the claim code that `npm run bootstrap` printed,
 * and becomes the committee admin (who can then appoint leaders and other staff).
 */
export default function ClaimPage() {
  return (
    <PageShell className="claim-page">
      <Gate>
        <Claim />
      </Gate>
    </PageShell>
  )
}

function Claim() {
  const { me, setMe } = useSession()
  const [code, setCode] = useState('')
  const claiming = useClaimCommittee(setMe)

  async function submit() {
    await claiming.run(code)
  }

  if (isCommittee(me)) {
    return (
      <View className="lz-card claim-done">
        <Text className="lz-subtitle">您是居委会管理员</Text>
        <Text className="lz-text lz-block">
          下一步：为每栋楼指定楼组长。楼组长可以审核入楼申请、打印大堂海报（入楼码）。
        </Text>
        <ActionButton className="open-roles" onClick={() => openPage(ROUTES.roles)}>
          指定楼组长
        </ActionButton>
      </View>
    )
  }

  return (
    <View className="lz-card">
      <Text className="lz-subtitle">第一位居委会工作人员</Text>
      <Text className="lz-text lz-block">
        导入住户名单时，电脑上会显示一个 12 位的认领码（24 小时内有效，只能用一次）。输入后，您就是居委会管理员。
      </Text>
      <Input
        className="lz-input claim-code-input"
        type="number"
        value={code}
        placeholder="例如 4821 0937 5512"
        maxlength={16}
        onInput={(e) => setCode(e.detail.value)}
      />
      <ActionButton
        className="claim-submit"
        loading={claiming.busy}
        disabled={!code.trim()}
        onClick={() => void submit()}
      >
        认领
      </ActionButton>
      {claiming.error ? <Text className="lz-error claim-error">{claiming.error.message}</Text> : null}
      <Text className="lz-muted lz-block">认领码过期或丢失：请管理系统的同事再运行一次导入，会生成新的认领码。</Text>
    </View>
  )
}
