export default definePageConfig({ navigationBarTitleText: '健康小贴士' })
