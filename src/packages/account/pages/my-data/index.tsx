import { Text, View } from '@tarojs/components'
import { fullDateTimeText } from '../../../../../contracts'
import { ActionButton } from '../../../../components/Buttons'
import { ErrorState, Loading } from '../../../../components/States'
import { Gate } from '../../../../features/account/Gate'
import { readableSections } from '../../../../features/account/my-data'
import { useMyData } from '../../../../features/account/useMyData'
import { PageShell } from '../../../../features/layout/PageShell'
import { FILES_DOWNLOAD } from '../../../../platform/files'
import './index.css'

export default function MyDataPage() {
  return (
    <PageShell className="my-data-page">
      <Gate>
        <MyData />
      </Gate>
    </PageShell>
  )
}

/** 导出我的数据: everything kept about me, readable on the page, and the whole of it as a JSON file. */
function MyData() {
  const { exported, handed, error, handOver } = useMyData()
  if (exported.loading && !exported.data) return <Loading />
  if (exported.error || !exported.data)
    return <ErrorState message={exported.error ?? '加载失败'} onRetry={() => void exported.reload()} />
  const result = exported.data
  const sections = readableSections(result.data)

  return (
    <View>
      <View className="lz-card my-data-head">
        <Text className="lz-title">我们保存的关于您的信息</Text>
        <Text className="lz-muted lz-block my-data-when">导出时间：{fullDateTimeText(result.exportedAt)}</Text>
        <Text className="lz-text lz-block">
          下面按类别列出。完整内容（含编号）在文件里，可以{FILES_DOWNLOAD ? '下载保存' : '发送到聊天后在电脑上打开'}。
        </Text>
        <ActionButton className="my-data-file" onClick={() => void handOver()}>
          {FILES_DOWNLOAD ? '下载数据文件（JSON）' : '发送数据文件（JSON）'}
        </ActionButton>
        {handed ? <Text className="lz-tag ok my-data-handed">{handed}</Text> : null}
        {error ? <Text className="lz-error">{error}</Text> : null}
      </View>
      {sections.map((section) => (
        <View key={section.key} className="lz-card my-data-section">
          <Text className="lz-subtitle">
            {section.title}（{section.records.length} 条）
          </Text>
          {section.records.map((fields, i) => (
            <View key={i} className="my-data-record">
              {fields.map((field) => (
                <View key={field.name} className="my-data-field">
                  <Text className="lz-muted my-data-name">{field.name}</Text>
                  <Text className="lz-text my-data-value">{field.value}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ))}
      {result.files.photos.length ? (
        <View className="lz-card my-data-section">
          <Text className="lz-subtitle">我发的照片（{result.files.photos.length} 张）</Text>
          <Text className="lz-muted lz-block">照片不在文件里；文件中每张照片有一个下载链接，一段时间内有效。</Text>
        </View>
      ) : null}
    </View>
  )
}
