export default definePageConfig({ navigationBarTitleText: '公约海报' })
