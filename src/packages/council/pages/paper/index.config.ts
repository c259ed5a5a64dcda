export default definePageConfig({ navigationBarTitleText: '代投与敲门名单' })
