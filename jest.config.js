// One jest run, five tiers. `npm test` runs them all; `npx jest --selectProjects api` runs one.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'commonjs' } }]
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
      testMatch: ['**/*.test.ts', '**/*.test.js'],
    },
    node('e2e'),
  ],
  testTimeout: 30_000,
}
