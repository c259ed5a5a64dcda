/**
 * The dependency rules of docs/ARCHITECTURE.md §2, enforced by `npm run lint`:
 * - front end: pages → features → services → contracts; components/hooks/utils never reach up;
 *   pages never import services (a feature's api.ts and hooks stand between them); a feature calls
 *   the functions only from its api.ts; src/platform never reaches up
 * - back end: functions → runtime → adapters → core → contracts; core imports no adapter,
 *   runtime or SDK
 * - src/ and cloudfunctions/ never import each other; they meet in contracts/
 */
module.exports = {
  forbidden: [
    { name: 'src-not-cloud', severity: 'error', from: { path: '^src/' }, to: { path: '^cloudfunctions/' } },
    { name: 'cloud-not-src', severity: 'error', from: { path: '^cloudfunctions/' }, to: { path: '^src/' } },
    {
      name: 'contracts-standalone',
      severity: 'error',
      comment: 'contracts/ is shared by both ends; it depends on nothing of ours',
      from: { path: '^contracts/' },
      to: { path: '^(src|cloudfunctions)/' },
    },
    {
      name: 'core-pure',
      severity: 'error',
      comment: 'core holds the rules; it never touches adapters, the runtime or the functions',
      from: { path: '^cloudfunctions/core/' },
      to: { path: '^cloudfunctions/(adapters|runtime|functions|seed)/' },
    },
    {
      name: 'core-no-sdk-or-io',
      severity: 'error',
      comment: 'core has no SDK and no Node I/O: it runs the same on CloudBase and locally',
      from: { path: '^cloudfunctions/core/' },
      to: {
        path: '(node_modules/(@cloudbase|wx-server-sdk|better-sqlite3|fastify))|^(fs|net|http|https|child_process)$',
      },
    },
    {
      name: 'adapters-below-runtime',
      severity: 'error',
      from: { path: '^cloudfunctions/adapters/' },
      to: { path: '^cloudfunctions/(runtime|functions|seed)/' },
    },
    {
      name: 'runtime-below-functions',
      severity: 'error',
      from: { path: '^cloudfunctions/runtime/' },
      to: { path: '^cloudfunctions/functions/' },
    },
    {
      name: 'services-below-features',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(features|pages|packages|components|hooks)/' },
    },
    {
      name: 'features-below-pages',
      severity: 'error',
      from: { path: '^src/features/' },
      to: { path: '^src/(pages|packages)/' },
    },
    {
      name: 'helpers-never-reach-up',
      severity: 'error',
      from: { path: '^src/(components|hooks|utils)/' },
      to: { path: '^src/(features|pages|packages)/' },
    },
    {
      name: 'pages-never-call-services',
      severity: 'error',
      comment:
        'a page composes components and hooks; what it needs from the back end comes through a feature (features/<f>/api.ts and its hooks)',
      from: { path: '^src/(pages|packages)/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'pages-use-hooks-not-apis',
      severity: 'error',
      comment:
        'a page composes hooks and components; the call, its loading, failure and result live in a hook (features/<f>/use<Thing>.ts), not in the page',
      from: { path: '^src/(pages|packages)/' },
      to: { path: '^src/features/[^/]+/api\\.ts$' },
    },
    {
      name: 'feature-calls-through-its-api',
      severity: 'error',
      comment:
        'features/<f>/api.ts is the one place a feature calls the functions, so its actions are listed in one file',
      from: { path: '^src/features/', pathNot: '^src/features/[^/]+/api\\.ts$' },
      to: { path: '^src/services/api\\.ts$' },
    },
    {
      name: 'platform-below-features',
      severity: 'error',
      comment: 'src/platform says how WeChat and the browser differ; it knows no feature, page or component',
      from: { path: '^src/platform/' },
      to: { path: '^src/(features|pages|packages|components|hooks)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|node_modules|docs)/' },
  },
}
