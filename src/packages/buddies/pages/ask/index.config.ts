export default definePageConfig({ navigationBarTitleText: '找小伙伴帮忙' })
