export default definePageConfig({ navigationBarTitleText: '本楼居民' })
