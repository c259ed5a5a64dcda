export default definePageConfig({ navigationBarTitleText: '各楼自治公约' })
