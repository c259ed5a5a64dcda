export default definePageConfig({ navigationBarTitleText: '楼组公告' })
