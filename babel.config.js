// Taro's preset compiles src/ (and contracts/, see config/index.ts) for weapp and h5.
// The WeChat build targets the oldest engines the mini-program supports (config/weapp-target.json):
// iOS 12's JavaScriptCore cannot parse `?.`, `??` or class fields, so they are compiled away there.
// The browser build follows package.json's browserslist.
const weappTarget = require('./config/weapp-target.json')

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        ...(process.env.TARO_ENV === 'weapp' ? { targets: weappTarget.engines } : {}),
      },
    ],
  ],
}
