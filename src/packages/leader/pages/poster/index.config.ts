export default definePageConfig({ navigationBarTitleText: '大堂海报' })
