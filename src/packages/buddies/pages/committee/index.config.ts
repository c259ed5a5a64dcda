export default definePageConfig({ navigationBarTitleText: '网络小伙伴名单' })
