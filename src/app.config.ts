export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/group/index',
    'pages/events/index',
    'pages/me/index',
    'pages/onboarding/index',
    'pages/notifications/index',
    'pages/login/index',
  ],
  subPackages: [
    { root: 'packages/leader', pages: ['pages/applications/index', 'pages/poster/index', 'pages/residents/index'] },
    { root: 'packages/committee', pages: ['pages/roles/index'] },
    { root: 'packages/events', pages: ['pages/detail/index', 'pages/mine/index', 'pages/edit/index', 'pages/roster/index', 'pages/checkin/index', 'pages/scan/index'] },
  ],
  window: {
    navigationBarTitleText: '楼组一片天',
    navigationBarBackgroundColor: '#b83a2a',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
  },
  tabBar: {
    color: '#5a5a5a',
    selectedColor: '#b83a2a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/group/index', text: '楼组' },
      { pagePath: 'pages/events/index', text: '活动' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
})
