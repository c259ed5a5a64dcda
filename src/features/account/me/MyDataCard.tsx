import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ActionButton } from '../../../components/Buttons'
import { FILES_DOWNLOAD } from '../../../platform/files'
import type { MyAccount } from '../useMyAccount'

/** 我的数据: export everything kept about me, and delete the account. */
export function MyDataCard({ account }: { account: MyAccount }) {
  const { busy, exported, exportData, deleteAccount } = account
  return (
    <View className="lz-card">
      <Text className="lz-subtitle">我的数据</Text>
      <ActionButton tone="plain" className="export-data" loading={busy === 'export'} onClick={() => void exportData()}>
        导出我的数据
      </ActionButton>
      {exported ? (
        <View className="exported">
          <Text className="lz-muted lz-block">
            以下是我们保存的关于您的全部信息{FILES_DOWNLOAD ? '（已下载为文件）' : ''}：
          </Text>
          <Text className="exported-json" userSelect>
            {exported}
          </Text>
          {!FILES_DOWNLOAD ? (
            <ActionButton tone="plain" onClick={() => void Taro.setClipboardData({ data: exported })}>
              复制
            </ActionButton>
          ) : null}
        </View>
      ) : null}
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
