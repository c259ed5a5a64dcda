export default definePageConfig({ navigationBarTitleText: '帮忙板' })
