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
    { root: 'packages/announcements', pages: ['pages/detail/index', 'pages/list/index', 'pages/publish/index', 'pages/reach/index'] },
    {
      root: 'packages/buddies',
      pages: [
        'pages/join/index',
        'pages/profile/index',
        'pages/groups/index',
        'pages/group/index',
        'pages/propose/index',
        'pages/proposals/index',
        'pages/help/index',
        'pages/ask/index',
        'pages/help-detail/index',
        'pages/committee/index',
      ],
    },
    {
      root: 'packages/health',
      pages: ['pages/column/index', 'pages/tip/index', 'pages/qa/index', 'pages/ask/index', 'pages/mine/index', 'pages/inbox/index', 'pages/answer/index', 'pages/write/index'],
    },
    { root: 'packages/chat', pages: ['pages/reports/index', 'pages/members/index'] },
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
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/group/index', text: '楼组', iconPath: 'assets/tab/group.png', selectedIconPath: 'assets/tab/group-active.png' },
      { pagePath: 'pages/events/index', text: '活动', iconPath: 'assets/tab/events.png', selectedIconPath: 'assets/tab/events-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
})
