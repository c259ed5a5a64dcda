import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../components/Buttons'
import { PageShell } from '../../features/layout/PageShell'
import { useSetupCheck } from '../../features/account/useSignIn'
import './index.css'

const STEPS: ReadonlyArray<{ title: string; text: string; command?: string }> = [
  {
    title: '1. 准备住户名单',
    text: '每户一行：小区、楼栋、房号，可加一列「楼组长」作居委会自己的备注。可以用 Excel 另存为 .xlsx 或 .csv。模板在 docs/templates/neighbourhood.xlsx。',
  },
  {
    title: '2. 先试运行，看看会导入什么',
    text: '有问题会指出是第几行，什么都不会写入。',
    command: 'npm run bootstrap -- 住户名单.xlsx --dry-run',
  },
  {
    title: '3. 正式导入',
    text: '导入后会显示一个 12 位的居委会认领码（24 小时内有效）。',
    command: 'npm run bootstrap -- 住户名单.xlsx',
  },
  {
    title: '4. 第一位居委会工作人员登录并认领',
    text: '为自己生成登录码，在登录页输入；然后在「我的 → 居委会认领」输入认领码，就成为居委会管理员，可以指定各楼的楼组长。',
    command: 'npm run signin-code -- 陈老师',
  },
]

/** Shown on a real deployment before the neighbourhood is loaded: how to load it (docs/OPERATIONS.md). */
export default function FirstRunPage() {
  const check = useSetupCheck()

  return (
    <PageShell className="first-run-page">
      <Text className="lz-title">欢迎使用楼组一片天</Text>
      <Text className="lz-text lz-block">
        这是一个全新的系统，还没有小区和住户。请负责电脑的同事在运行本系统的电脑上，按下面的步骤导入居委会的住户名单：
      </Text>
      {STEPS.map((step) => (
        <View key={step.title} className="lz-card first-run-step">
          <Text className="lz-subtitle">{step.title}</Text>
          <Text className="lz-text lz-block">{step.text}</Text>
          {step.command ? (
            <Text className="first-run-command" userSelect>
              {step.command}
            </Text>
          ) : null}
        </View>
      ))}
      <Text className="lz-muted lz-block">详细说明见 docs/OPERATIONS.md「导入住户名单」。</Text>
      <ActionButton className="first-run-check" loading={check.busy} onClick={() => void check.run()}>
        已导入，去登录
      </ActionButton>
      {check.note ? <Text className="lz-error first-run-note">{check.note}</Text> : null}
    </PageShell>
  )
}
