export default definePageConfig({ navigationBarTitleText: '公约范本' })
