export default definePageConfig({ navigationBarTitleText: '加入网络小伙伴' })
