export default definePageConfig({ navigationBarTitleText: '成立兴趣小组' })
