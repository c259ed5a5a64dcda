export default defineAppConfig({
  pages: ['pages/home/index'],
  window: { navigationBarTitleText: '楼组一片天' },
})
