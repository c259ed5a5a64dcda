// The app has no Node: Taro's build replaces `process.env.X` with constants, and nothing else of
// `process` exists in WeChat or the browser. Only tsconfig.app.json includes this file; the
// other configs get `process` from @types/node.
declare var process: { env: NodeJS.ProcessEnv }
