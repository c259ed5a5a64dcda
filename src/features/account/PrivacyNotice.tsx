import { Text, View } from '@tarojs/components'

/** What we collect and why, in plain words (PIPL: informed consent before collection). */
export function PrivacyNotice() {
  return (
    <View className="lz-card privacy-notice">
      <Text className="lz-subtitle">我们会记录什么、为什么</Text>
      <View className="lz-stack">
        <Text className="lz-text lz-block">· 您的称呼（例如“王阿姨”），让邻居认得您。不需要真实姓名。</Text>
        <Text className="lz-text lz-block">
          · 您住的楼和房号，用来确认您是本楼居民。房号只有本楼楼组长和居委会能看到。
        </Text>
        <Text className="lz-text lz-block">· 您在楼组里发的消息、报名的活动、提的健康问题，用来提供这些服务。</Text>
        <Text className="lz-text lz-block">· 我们不会问您的身份证号、手机号或真实姓名，也不会把您的信息给其他人。</Text>
        <Text className="lz-text lz-block">· 您随时可以在“我的”里导出自己的全部数据，或注销账号删除个人信息。</Text>
      </View>
    </View>
  )
}
