import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { defineConstants, readBuildSettings, ReleaseRefused, releaseProblems } from './build-settings'
import devConfig from './dev'
import prodConfig from './prod'

// contracts/ lives outside src/ (it is shared with the cloud functions); Taro only transpiles
// src/ unless told otherwise.
const sharedSources = [path.resolve(__dirname, '..', 'contracts')]
// Packages that ship syntax newer than the oldest WeChat engine (config/weapp-target.json), so the
// WeChat build compiles them too; tests/ui/weapp-syntax.test.ts finds any that is missing here.
const modernPackages = ['zod'].map((name) => path.resolve(__dirname, '..', 'node_modules', name))

export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  // What the build is bound to (AppID, cloud environment, template ids, QR links), from the shell
  // or .env files; `--prod` refuses a WeChat build that lacks any of them (config/build-settings.ts).
  const settings = readBuildSettings(path.resolve(__dirname, '..'), process.env, mode)
  if (process.argv.includes('--prod') && process.env.TARO_ENV === 'weapp') {
    const problems = releaseProblems(settings)
    if (problems.length) {
      // Taro would print a thrown error's stack and then claim the config is missing: say it plainly.
      process.stderr.write(`\n${new ReleaseRefused(problems).message}\n\n`)
      process.exit(2)
    }
  }
  // Taro writes the AppID into dist/weapp/project.config.json from the shell only; a .env file's counts too.
  if (settings.values.TARO_APP_ID && !process.env.TARO_APP_ID) process.env.TARO_APP_ID = settings.values.TARO_APP_ID

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'louzu',
    date: '2026-11-28',
    // NutUI's stylesheets are written for a 375 px design; ours for 750.
    designWidth(input) {
      const file =
        typeof input === 'object' && input && 'file' in input ? String((input as { file?: string }).file ?? '') : ''
      return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // weapp and h5 builds coexist: dist/weapp (WeChat DevTools) and dist/h5 (local runtime, tests)
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: defineConstants(settings),
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [...sharedSources, ...modernPackages] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
      // contracts/ only declares schemas and constants: marking it free of side effects lets
      // webpack leave out the contract modules a page never uses even when it imports the index,
      // so the main package carries only the schemas of the features its pages call.
      webpackChain(chain) {
        chain.module
          .rule('contracts-are-pure')
          .test(/\.ts$/)
          .include.add(sharedSources[0])
          .end()
          .set('sideEffects', false)
      },
      // Our styles never depend on their order against NutUI's (we only set its variables).
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      compile: { include: sharedSources },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
