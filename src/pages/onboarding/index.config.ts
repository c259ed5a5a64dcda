export default definePageConfig({ navigationBarTitleText: '加入我的楼组' })
