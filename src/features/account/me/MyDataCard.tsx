import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../../components/Buttons'
import { openPage, ROUTES } from '../navigation'
import type { MyAccount } from '../useMyAccount'

/** 我的数据: read everything kept about me (its own page, with the file to keep), and delete the account. */
export function MyDataCard({ account }: { account: MyAccount }) {
  const { busy, deleteAccount } = account
  return (
    <View className="lz-card">
      <Text className="lz-subtitle">我的数据</Text>
      <ActionButton tone="plain" className="export-data" onClick={() => openPage(ROUTES.myData)}>
        导出我的数据
      </ActionButton>
      <ActionButton
        tone="danger"
        className="delete-account"
        loading={busy === 'delete'}
        onClick={() => void deleteAccount()}
      >
        注销账号
      </ActionButton>
    </View>
  )
}
