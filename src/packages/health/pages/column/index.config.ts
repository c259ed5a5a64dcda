export default definePageConfig({ navigationBarTitleText: '健康答疑' })
