export default definePageConfig({ navigationBarTitleText: '楼组一片天', enablePullDownRefresh: false })
