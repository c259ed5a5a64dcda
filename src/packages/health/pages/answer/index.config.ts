export default definePageConfig({ navigationBarTitleText: '回复提问' })
