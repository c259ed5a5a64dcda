export default definePageConfig({ navigationBarTitleText: '各楼主页与特色' })
