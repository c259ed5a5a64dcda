import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// contracts/ lives outside src/ (it is shared with the cloud functions); Taro only transpiles
// src/ unless told otherwise.
const sharedSources = [path.resolve(__dirname, '..', 'contracts')]
// Packages that ship syntax newer than the oldest WeChat engine (config/weapp-target.json), so the
// WeChat build compiles them too; tests/ui/weapp-syntax.test.ts finds any that is missing here.
const modernPackages = ['zod'].map((name) => path.resolve(__dirname, '..', 'node_modules', name))

// Build-time settings (from the shell or a .env file). Always defined, so an unset one compiles to
// '' instead of a `process.env` lookup, which would crash in WeChat (it has no `process`).
const BUILD_SETTINGS = ['TARO_APP_CLOUD_ENV', 'TARO_APP_JOIN_URL', 'TARO_APP_TEMPLATE_IDS']
const buildSettings = Object.fromEntries(BUILD_SETTINGS.map((key) => [`process.env.${key}`, JSON.stringify(process.env[key] ?? '')]))

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'louzu',
    date: '2026-11-28',
    // NutUI's stylesheets are written for a 375 px design; ours for 750.
    designWidth(input) {
      const file = typeof input === 'object' && input && 'file' in input ? String((input as { file?: string }).file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp and h5 builds coexist: dist/weapp (WeChat DevTools) and dist/h5 (local runtime, tests)
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: buildSettings,
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [...sharedSources, ...modernPackages] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
      // Our styles never depend on their order against NutUI's (we only set its variables).
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
