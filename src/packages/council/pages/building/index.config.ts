export default definePageConfig({ navigationBarTitleText: '楼组主页' })
