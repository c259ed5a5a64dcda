export default definePageConfig({ navigationBarTitleText: '我的小伙伴档案' })
