export default definePageConfig({ navigationBarTitleText: '入楼申请' })
