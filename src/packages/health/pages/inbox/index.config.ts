export default definePageConfig({ navigationBarTitleText: '待回复的提问' })
