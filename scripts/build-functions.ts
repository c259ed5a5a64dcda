/**
 * Bundle each cloud function into dist/cloudfunctions/<name>/ for CloudBase:
 *   index.js      one CommonJS file (our code, contracts, zod)
 *   node-sdk.js, wx-server-sdk.js, …
 *                 the Tencent SDKs, each its own file required on first use (scripts/lib/bundle-chunks.ts)
 *   package.json  name/main, and dependencies only for anything left external (none today)
 *   config.json   the function's openapi permissions and runtime settings, copied
 *
 *   npm run build:functions [-- --out <dir>]
 *
 * Runtime: Nodejs24.11 on CloudBase (config.json), the newest LTS it offers. Target: node20, the
 * oldest Node that runs the bundles anywhere we run them (the tests load them on the local
 * Node 20). esbuild's target only lowers syntax; APIs cannot be polyfilled by it.
 * Size: each function's files stay under 1 MB together (tests/unit/build-and-deploy.test.ts holds
 * it): the cold start of a function is mostly V8 reading what it loads.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { buildChunks, CHUNK_FILES, contentsOf, requireChunks, type BundleContents } from './lib/bundle-chunks'
import { trimTencentSdks } from './lib/bundle-trim'
import { isEntryPoint } from './lib/entry'
import {
  DEFAULT_FUNCTION_CONFIG,
  discoverFunctions,
  FUNCTIONS_OUT,
  FUNCTIONS_SRC,
  readFunctionConfig,
  REPO_ROOT,
} from './lib/function-config'

export const ESBUILD_TARGET = 'node20'

/**
 * Packages left out of the bundle, to be installed by CloudBase from the function's package.json
 * (`installDependency`). @cloudbase/node-sdk 3.18 and wx-server-sdk 4.0 bundle cleanly (all their
 * requires are static; only Node built-ins remain). sharp cannot: it loads a native addon and
 * libvips from its @img/* packages, which npm installs for the function's platform. It is loaded
 * only when a photo is processed, so other calls' cold starts do not pay for it.
 */
export const EXTERNAL_PACKAGES: readonly string[] = ['sharp']

export interface BuiltFunction {
  name: string
  dir: string
  /** index.js alone */
  bytes: number
  gzipBytes: number
  /** index.js and the SDK files together */
  allBytes: number
  configDefaulted: boolean
  /** What went into each file (esbuild's metafile inputs), by file name: for the bench's profile. */
  contents: Record<string, BundleContents>
}

function rootPackage(): { version: string; dependencies: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'))
}

async function buildOne(
  name: string,
  outRoot: string,
  chunksDir: string,
  chunkContents: Record<string, BundleContents>,
): Promise<BuiltFunction> {
  const srcDir = path.join(FUNCTIONS_SRC, name)
  const outDir = path.join(outRoot, name)
  fs.rmSync(outDir, { recursive: true, force: true })
  fs.mkdirSync(outDir, { recursive: true })

  const result = await build({
    entryPoints: [path.join(srcDir, 'index.ts')],
    metafile: true,
    outfile: path.join(outDir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: ESBUILD_TARGET,
    external: [...EXTERNAL_PACKAGES],
    // Full minification, names too (a smaller file is a shorter cold start: keeping function and
    // class names cost ~50 KB and a call per function at load).
    minify: true,
    plugins: [trimTencentSdks, requireChunks()],
    // `import()` of a chunk or of sharp becomes `require` on first use: the chunks are CommonJS
    // bundles whose exports Node's ESM loader cannot see, and require skips that loader's cost.
    supported: { 'dynamic-import': false },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
  })

  for (const file of CHUNK_FILES) fs.copyFileSync(path.join(chunksDir, file), path.join(outDir, file))

  const pkg = rootPackage()
  const bundled = fs.readFileSync(path.join(outDir, 'index.js'), 'utf8')
  // Only what this bundle actually loads: the other functions stay dependency-free (no install step).
  const dependencies = Object.fromEntries(
    EXTERNAL_PACKAGES.filter(
      (dep) => bundled.includes(`require("${dep}")`) || bundled.includes(`import("${dep}")`),
    ).map((dep) => {
      const version = pkg.dependencies[dep]
      if (!version) throw new Error(`external package ${dep} is not a dependency in package.json`)
      return [dep, version]
    }),
  )
  const manifest = {
    name,
    version: pkg.version,
    private: true,
    description: `楼组一片天 cloud function: ${name}`,
    main: 'index.js',
    dependencies,
  }
  fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')

  // config.json travels as written (WeChat devtools reads it too); a missing one gets the default.
  const config = readFunctionConfig(srcDir, name)
  fs.writeFileSync(
    path.join(outDir, 'config.json'),
    config ? config.text : JSON.stringify(DEFAULT_FUNCTION_CONFIG, null, 2) + '\n',
  )

  const code = fs.readFileSync(path.join(outDir, 'index.js'))
  return {
    name,
    dir: outDir,
    bytes: code.length,
    allBytes: ['index.js', ...CHUNK_FILES].reduce((n, file) => n + fs.statSync(path.join(outDir, file)).size, 0),
    gzipBytes: gzipSync(code).length,
    configDefaulted: !config,
    contents: { 'index.js': contentsOf(result.metafile), ...chunkContents },
  }
}

export async function buildFunctions(
  outRoot: string = FUNCTIONS_OUT,
  names: readonly string[] = discoverFunctions(),
): Promise<BuiltFunction[]> {
  fs.mkdirSync(outRoot, { recursive: true })
  // Remove bundles of functions that no longer exist, so deploy never ships a stale one.
  for (const entry of fs.readdirSync(outRoot, { withFileTypes: true })) {
    if (entry.isDirectory() && !names.includes(entry.name))
      fs.rmSync(path.join(outRoot, entry.name), { recursive: true, force: true })
  }
  // The SDK chunks are the same for every function: built once, copied into each folder.
  const chunksDir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-chunks-'))
  try {
    const chunkContents = await buildChunks(chunksDir, { target: ESBUILD_TARGET, absWorkingDir: REPO_ROOT })
    const built: BuiltFunction[] = []
    for (const name of names) built.push(await buildOne(name, outRoot, chunksDir, chunkContents))
    return built
  } finally {
    fs.rmSync(chunksDir, { recursive: true, force: true })
  }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

export function sizeTable(built: readonly BuiltFunction[]): string {
  const header = ['function', 'index.js', 'gzip']
  const rows = built.map((b) => [b.name, kb(b.bytes), kb(b.gzipBytes)])
  const widths = header.map((_, col) => Math.max(...[header, ...rows].map((row) => row[col]?.length ?? 0)))
  const line = (row: string[]) =>
    row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

async function cli(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  const outRoot = path.resolve(values.out ?? FUNCTIONS_OUT)
  const names = discoverFunctions()
  if (!names.length) {
    console.error(`no functions found: expected cloudfunctions/functions/<name>/index.ts`)
    process.exitCode = 1
    return
  }
  const started = Date.now()
  const built = await buildFunctions(outRoot, names)
  console.log(
    `built ${built.length} function(s) into ${path.relative(process.cwd(), outRoot) || '.'} in ${Date.now() - started} ms\n`,
  )
  console.log(sizeTable(built))
  for (const b of built.filter((b) => b.configDefaulted)) {
    console.warn(
      `\nwarning: cloudfunctions/functions/${b.name}/config.json is missing; wrote the default (openapi permissions, 20 s timeout)`,
    )
  }
}

if (isEntryPoint(__filename)) {
  cli().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}
