// One jest run, five tiers. `npm test` runs them all; `npx jest --selectProjects api` runs one.
const swc = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } },
]
const node = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots: [`<rootDir>/tests/${name}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  setupFiles: ['<rootDir>/tests/support/env.ts'],
  ...extra,
})

module.exports = {
  projects: [
    node('unit'),
    node('contract'),
    node('api'),
    {
      ...node('ui'),
      testEnvironment: 'jsdom',
      testMatch: ['**/*.test.ts', '**/*.test.tsx', '**/*.test.js'],
      transform: {
        '^.+\\.(t|j)sx?$': [
          '@swc/jest',
          {
            jsc: {
              parser: { syntax: 'typescript', tsx: true },
              target: 'es2022',
              transform: { react: { runtime: 'automatic' } },
            },
            module: { type: 'commonjs' },
          },
        ],
      },
      // Pages and hooks render in jsdom: Taro and its components become plain DOM, and the
      // platform's transport becomes tests/support/ui/fake-transport.ts (a real local core by
      // default; a test can make an action fail or hang). See docs/FRONTEND.md.
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/tests/support/ui/taro.ts',
        '^@tarojs/components$': '<rootDir>/tests/support/ui/components.tsx',
        '/platform/transport$': '<rootDir>/tests/support/ui/fake-transport.ts',
        '^@nutui/nutui-react-taro/dist/es/packages/button$': '<rootDir>/tests/support/ui/nutui-button.ts',
        '^@nutui/nutui-react-taro/dist/es/packages/switch$': '<rootDir>/tests/support/ui/nutui-switch.ts',
        '(\\.css|/style/css)$': '<rootDir>/tests/support/ui/style.ts',
      },
    },
    node('e2e'),
  ],
  testTimeout: 30_000,
}
