/**
 * Files a function bundle is split into, so a cold start reads only what it runs. V8 must read
 * (pre-parse) every byte of a file it loads, run or not, and that is most of a cold start; so the
 * Tencent SDK parts that only some calls reach live in their own files next to index.js and are
 * required on first use:
 *
 *   index.js          our code, the contracts and zod; requires ./node-sdk.js when the runtime is built
 *   node-sdk.js       @cloudbase/node-sdk (the database, storage and identity clients)
 *   wx-server-sdk.js  the WeChat open API (text checks, subscribe messages, media checks): loaded by
 *                     the calls that use it (adapters/cloudbase/wx-openapi.ts), sharing node-sdk.js
 *   axios.js, jsonwebtoken.js, xml2js.js
 *                     node-sdk's dependencies it only needs for some calls (see LAZY_REQUIRES in
 *                     bundle-trim.ts): required by node-sdk.js when such a call first happens
 *
 * The chunks are the same for every function; they are built once and copied into each folder.
 * Every file is a complete CommonJS bundle: nothing is resolved from node_modules on CloudBase.
 */
import fs from 'node:fs'
import path from 'node:path'
import { build, type Metafile, type Plugin } from 'esbuild'
import { trimTencentSdks } from './bundle-trim'

export interface Chunk {
  /** The package the chunk holds, as our code or another chunk requires it. */
  readonly pkg: string
  /** Its file, next to index.js. */
  readonly file: string
}

export const CHUNKS: readonly Chunk[] = [
  { pkg: '@cloudbase/node-sdk', file: 'node-sdk.js' },
  { pkg: 'wx-server-sdk', file: 'wx-server-sdk.js' },
  { pkg: 'axios', file: 'axios.js' },
  { pkg: 'jsonwebtoken', file: 'jsonwebtoken.js' },
  { pkg: 'xml2js', file: 'xml2js.js' },
]

export const CHUNK_FILES: readonly string[] = CHUNKS.map((chunk) => chunk.file)

/**
 * Which chunks a file may require instead of bundling the package. Only the importers named here:
 * axios, for one, is also a dependency of other packages, which keep their own copy inlined.
 */
const CHUNK_IMPORTERS: Record<string, RegExp> = {
  '@cloudbase/node-sdk': /(cloudfunctions\/|node_modules\/wx-server-sdk\/)/,
  'wx-server-sdk': /cloudfunctions\//,
  axios: /node_modules\/@cloudbase\/node-sdk\/dist\//,
  jsonwebtoken: /node_modules\/@cloudbase\/node-sdk\/dist\//,
  xml2js: /node_modules\/@cloudbase\/node-sdk\/dist\//,
}

/** Rewrites a chunk's package, required from its allowed importers, to `require("./<file>")`. */
export function requireChunks(except?: string): Plugin {
  const chunks = CHUNKS.filter((chunk) => chunk.pkg !== except)
  const filter = new RegExp(`^(${chunks.map((c) => c.pkg.replace(/[/.@-]/g, '\\$&')).join('|')})$`)
  return {
    name: 'louzu-require-chunks',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const chunk = chunks.find((c) => c.pkg === args.path)
        if (!chunk || !CHUNK_IMPORTERS[chunk.pkg]?.test(args.importer)) return undefined
        return { path: `./${chunk.file}`, external: true }
      })
    },
  }
}

/** Bytes each package (or each of our folders) contributes to one output file, biggest first. */
export type BundleContents = Array<{ source: string; bytes: number }>

/** Groups a metafile's inputs by npm package (the innermost node_modules one) or by our top folder. */
export function contentsOf(metafile: Metafile): BundleContents {
  const bytes = new Map<string, number>()
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) {
      const packages = file.match(/node_modules\/(@[^/]+\/)?[^/]+/g)
      const innermost = packages?.[packages.length - 1]
      const source = innermost
        ? innermost.replace('node_modules/', '')
        : file
            .split('/')
            .slice(0, file.startsWith('cloudfunctions/') ? 2 : 1)
            .join('/')
      bytes.set(source, (bytes.get(source) ?? 0) + input.bytesInOutput)
    }
  }
  return [...bytes].map(([source, n]) => ({ source, bytes: n })).sort((a, b) => b.bytes - a.bytes)
}

/** Build every chunk into `outDir` (its own package only, shared chunks left to `require`). */
export async function buildChunks(
  outDir: string,
  options: { target: string; absWorkingDir: string },
): Promise<Record<string, BundleContents>> {
  fs.mkdirSync(outDir, { recursive: true })
  const contents: Record<string, BundleContents> = {}
  for (const chunk of CHUNKS) {
    const result = await build({
      metafile: true,
      stdin: { contents: `module.exports = require(${JSON.stringify(chunk.pkg)})`, resolveDir: options.absWorkingDir },
      outfile: path.join(outDir, chunk.file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: options.target,
      minify: true,
      plugins: [trimTencentSdks, requireChunks(chunk.pkg)],
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      absWorkingDir: options.absWorkingDir,
    })
    contents[chunk.file] = contentsOf(result.metafile)
  }
  return contents
}
