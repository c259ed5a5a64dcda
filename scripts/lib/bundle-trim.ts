/**
 * What the function bundles leave out of the Tencent SDKs, and why. A cloud function's cold start
 * is mostly V8 reading the bundle, so every kilobyte that no code path of ours runs is a cost a
 * resident pays on the first call after a quiet spell.
 *
 * - `@cloudbase/node-sdk`'s AI module (`app.ai()`), with `@cloudbase/ai`, `@cloudbase/app`, the
 *   mini-program adapter and a web-streams polyfill behind it: never called.
 * - `@cloudbase/wx-cloud-client-sdk` (data models and MySQL, `app.models`): never called. The SDK
 *   builds its clients at init inside try/catch, so the stand-in's throw is swallowed there.
 * - `mime-db` (≈ 150 KB of JSON, twice: once under `mime-types`, once for wx-server-sdk): only
 *   consulted to name the type of an uploaded file, so it is replaced by the handful of types the
 *   product stores.
 *
 * - Parts of node-sdk that only some calls use are evaluated on first use instead of when the
 *   bundle loads (see LAZY_REQUIRES): their code is still in the bundle, but a call that never
 *   signs a ticket, uploads a file or asks the metadata server does not run their initialisation.
 *
 * A stand-in throws a clear error if anything ever reaches it, and the built-bundle tests
 * (tests/unit/build-and-deploy.test.ts) run the database and openapi paths through the capture
 * server, so a trimmed part that turns out to be needed fails there, not in production.
 */
import fs from 'node:fs'
import type { Plugin } from 'esbuild'

/** Module files replaced by a stand-in that throws on use. */
const UNUSED_MODULES = /node_modules\/@cloudbase\/(node-sdk\/dist\/ai\/index\.js|wx-cloud-client-sdk\/.*)$/

/** The media types the product stores or sends, in mime-db's shape. */
export const SLIM_MIME_DB: Record<string, { extensions: string[] }> = {
  'application/json': { extensions: ['json'] },
  'application/octet-stream': { extensions: ['bin'] },
  'audio/mpeg': { extensions: ['mp3'] },
  'audio/mp4': { extensions: ['m4a'] },
  'audio/aac': { extensions: ['aac'] },
  'image/jpeg': { extensions: ['jpg', 'jpeg'] },
  'image/png': { extensions: ['png'] },
  'image/webp': { extensions: ['webp'] },
  'text/csv': { extensions: ['csv'] },
  'text/plain': { extensions: ['txt'] },
}

/**
 * `require` calls in node-sdk's files turned into getters, so the package is evaluated when a
 * call first touches it. Each is an exact line of the SDK's compiled output: if an upgrade
 * changes one, the build fails here rather than quietly loading it at start again.
 *
 * - axios: only for the metadata server (asked outside CloudBase, where TENCENTCLOUD is unset)
 *   and the data-model client (not bundled).
 * - jsonwebtoken: only `auth().createTicket()` (custom login), which the product never calls.
 * - xml2js (with xmlbuilder and sax): only to read COS's XML reply to a file upload.
 */
export const LAZY_REQUIRES: ReadonlyArray<{ file: RegExp; line: string; lazy: string }> = [
  {
    file: /node_modules\/@cloudbase\/node-sdk\/dist\/(cloudbase|utils\/metadata)\.js$/,
    line: 'const axios_1 = __importDefault(require("axios"));',
    lazy: 'const axios_1 = { get default() { return require("axios"); } };',
  },
  {
    file: /node_modules\/@cloudbase\/node-sdk\/dist\/auth\/index\.js$/,
    line: 'const jsonwebtoken_1 = __importDefault(require("jsonwebtoken"));',
    lazy: 'const jsonwebtoken_1 = { get default() { return require("jsonwebtoken"); } };',
  },
  {
    file: /node_modules\/@cloudbase\/node-sdk\/dist\/storage\/index\.js$/,
    line: 'const xml2js_1 = require("xml2js");',
    lazy: 'const xml2js_1 = { get parseString() { return require("xml2js").parseString; } };',
  },
]

const LAZY_FILES =
  /node_modules\/@cloudbase\/node-sdk\/dist\/(cloudbase|utils\/metadata|auth\/index|storage\/index)\.js$/

function unusedStandIn(file: string): string {
  const name = JSON.stringify(file.replace(/^.*node_modules\//, ''))
  return `module.exports = new Proxy({}, { get(_, key) {
    if (key === '__esModule') return false
    throw new Error('not in the Louzu function bundle: ' + ${name} + ' (' + String(key) + '); see scripts/lib/bundle-trim.ts')
  } })`
}

export const trimTencentSdks: Plugin = {
  name: 'louzu-trim-tencent-sdks',
  setup(build) {
    build.onLoad({ filter: UNUSED_MODULES }, (args) => ({ contents: unusedStandIn(args.path), loader: 'js' }))
    build.onLoad({ filter: LAZY_FILES }, async (args) => {
      let contents = await fs.promises.readFile(args.path, 'utf8')
      for (const { file, line, lazy } of LAZY_REQUIRES) {
        if (!file.test(args.path)) continue
        if (!contents.includes(line)) throw new Error(`bundle-trim: ${args.path} no longer has \`${line}\``)
        contents = contents.replace(line, lazy)
      }
      return { contents, loader: 'js' }
    })
    build.onResolve({ filter: /^mime-db$/ }, () => ({ path: 'mime-db', namespace: 'louzu-slim-mime-db' }))
    build.onLoad({ filter: /.*/, namespace: 'louzu-slim-mime-db' }, () => ({
      contents: JSON.stringify(SLIM_MIME_DB),
      loader: 'json',
    }))
  },
}
