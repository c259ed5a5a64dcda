export default definePageConfig({ navigationBarTitleText: '自治公约' })
