export default definePageConfig({ navigationBarTitleText: '向医生提问' })
