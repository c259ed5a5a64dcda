import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core'
import { fmt, login, median, ROOT, startServer, table, WORK_DIR, type BenchSection } from '../harness'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 5)
/** Lighthouse's mobile profile ("slow 4G"): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; a phone's CPU at a quarter of this one. */
const NETWORK = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }
const CPU_SLOWDOWN = 4
/** What residents want to see first on 首页. */
const FIRST_ANNOUNCEMENT = '.home-announcements .announcement-item'

interface Load {
  ms: number
  jsBytes: number
  jsFiles: number
  allBytes: number
}

/** Count what crosses the (emulated) network, as the browser received it: compressed bytes. */
async function countTransfers(cdp: CDPSession): Promise<() => Omit<Load, 'ms'>> {
  const scripts = new Set<string>()
  let jsBytes = 0
  let allBytes = 0
  let jsFiles = 0
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script' || event.response.url.endsWith('.js')) scripts.add(event.requestId)
  })
  cdp.on('Network.loadingFinished', (event) => {
    allBytes += event.encodedDataLength
    if (scripts.has(event.requestId)) {
      jsBytes += event.encodedDataLength
      jsFiles += 1
    }
  })
  await cdp.send('Network.enable')
  return () => ({ jsBytes, jsFiles, allBytes })
}

/** One cold load of `hash` (empty cache) on the emulated phone, until `selector` shows. */
async function coldLoad(browser: Browser, url: string, hash: string, selector: string, token?: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  try {
    // Signed in as Taro's h5 storage keeps it (JSON with a `data` field), before any script runs.
    if (token)
      await context.addInitScript((value) => {
        // Runs in the page, where localStorage exists; the scripts' own types have no DOM.
        const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } })
          .localStorage
        storage.setItem('louzu.token', JSON.stringify({ data: value }))
      }, token)
    const page: Page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const transfers = await countTransfers(cdp)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
    const started = Date.now()
    await page.goto(`${url}/${hash}`)
    await page.locator(selector).first().waitFor({ timeout: 60_000 })
    const ms = Date.now() - started
    // Let anything the page still fetches for this view arrive before counting.
    await page.waitForLoadState('networkidle').catch(() => undefined)
    return { ms, ...transfers() }
  } finally {
    await context.close()
  }
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 0)} KB`

/**
 * 首页 as a resident opens it on a phone network: from navigation to the first announcement on
 * screen, cold (nothing cached), on emulated slow 4G with the CPU slowed 4×, in Debian's Chromium
 * through the DevTools protocol; and what the login page and 首页 transfer, JavaScript apart.
 */
export const pageLoad: BenchSection = {
  title: 'home page on a phone network',
  async run() {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) throw new Error('run `npm run build:h5` first')
    fs.mkdirSync(WORK_DIR, { recursive: true })
    const dbFile = path.join(WORK_DIR, `page-load-${Date.now()}.db`)
    const server = await startServer({ dbFile })
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    })
    try {
      const token = await login(server.url, 'demo-resident-5')
      const home: Load[] = []
      const signIn: Load[] = []
      for (let run = 0; run < RUNS; run++) {
        home.push(await coldLoad(browser, server.url, '#/pages/home/index', FIRST_ANNOUNCEMENT, token))
        signIn.push(await coldLoad(browser, server.url, '#/pages/login/index', '.persona'))
      }
      const row = (what: string, loads: Load[], shown: string) => [
        what,
        shown,
        fmt(median(loads.map((l) => l.ms)), 0),
        fmt(Math.max(...loads.map((l) => l.ms)), 0),
        `${kb(median(loads.map((l) => l.jsBytes)))} in ${median(loads.map((l) => l.jsFiles))} files`,
        kb(median(loads.map((l) => l.allBytes))),
      ]
      return [
        `Cold loads (cache disabled) of the h5 build served by the local runtime (brotli/gzip), ${RUNS} runs each, in headless Chromium at 390×844 with DevTools network emulation (${NETWORK.latency} ms round trip, 1.6 Mbit/s down, 750 kbit/s up — Lighthouse's mobile "slow 4G") and the CPU slowed ${CPU_SLOWDOWN}×. Time is from navigation until the element is on the page; transfers are bytes on the wire (compressed), counted after the network went idle. Target for 首页: first announcement within 2.5 s.`,
        '',
        table(
          ['page', 'until', 'median (ms)', 'slowest (ms)', 'JavaScript transferred', 'everything transferred'],
          [
            row('首页 (signed in as 王阿姨)', home, 'first announcement shown'),
            row('login page', signIn, 'demo personas shown'),
          ],
        ),
      ].join('\n')
    } finally {
      await browser.close()
      await server.stop()
      fs.rmSync(dbFile, { force: true })
      for (const suffix of ['-wal', '-shm']) fs.rmSync(`${dbFile}${suffix}`, { force: true })
    }
  },
}
