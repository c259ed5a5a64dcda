import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import fs from 'node:fs'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

/** A tiny stand-in for the h5 build: an index and one hashed bundle big enough to be worth compressing. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'louzu-h5-'))
  fs.mkdirSync(path.join(dir, 'js'))
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>楼组</title>${'<p>楼组一片天</p>'.repeat(200)}`)
  fs.writeFileSync(path.join(dir, 'js', 'app.0123abcd.js'), `console.log(${JSON.stringify('邻里'.repeat(5000))})`)
  return dir
}

/** A GET that counts the bytes on the wire (fetch would decompress them first). */
function get(t: TestRuntime, url: string, encoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
    http
      .get(`${t.url}${url}`, { headers: { 'accept-encoding': encoding } }, (response) => {
        let bytes = 0
        response.on('data', (chunk: Buffer) => (bytes += chunk.length))
        response.on('end', () => resolve({ headers: response.headers, bytes }))
      })
      .on('error', reject)
  })
}

describe('the local runtime on a phone network: compressed, and cached where it is safe', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime({ staticDir: fakeBuild() })
  })
  afterAll(() => t.close())

  test('when the browser takes brotli, then a bundle comes brotli-compressed, far smaller, cached for a year as immutable', async () => {
    const plain = await get(t, '/js/app.0123abcd.js', 'identity')
    const { headers, bytes } = await get(t, '/js/app.0123abcd.js', 'br, gzip')
    expect(headers['content-encoding']).toBe('br')
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(headers.vary).toMatch(/accept-encoding/i)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(bytes).toBeLessThan(plain.bytes / 5)
  })

  test('when the browser takes only gzip, then it gets gzip; index.html is compressed too but never cached', async () => {
    const bundle = await get(t, '/js/app.0123abcd.js', 'gzip')
    expect(bundle.headers['content-encoding']).toBe('gzip')
    const index = await get(t, '/', 'br, gzip')
    expect(index.headers['content-encoding']).toBe('br')
    expect(index.headers['cache-control']).toBe('no-cache')
  })

  test('when a function answers with a large reply, then it is compressed and still never cached', async () => {
    const client = await t.login('demo-resident-5')
    const response = await fetch(`${t.url}/api/functions/account`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${client.token}`,
        'accept-encoding': 'gzip',
      },
      body: JSON.stringify({ action: 'listBuildings', data: {} }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-encoding')).toBe('gzip')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect((await response.json()).ok).toBe(true)
  })
})
