export default definePageConfig({ navigationBarTitleText: '健康问答' })
