export default definePageConfig({ navigationBarTitleText: '公约版本' })
