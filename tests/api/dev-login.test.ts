import os from 'node:os'
import { isLoopbackAddress } from '../../cloudfunctions/runtime/local-server'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

/**
 * The demo sign-in hands out any identity, the committee's included, so by default it answers
 * only this machine; `LOUZU_DEV_LOGIN=anywhere` opens it for trying the demo from a phone.
 * "Another machine" here is this one reached through its network address, not loopback.
 */
const networkAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address
const onNetwork = networkAddress ? describe : describe.skip

onNetwork(
  `the demo sign-in over the network (${networkAddress ?? 'skipped: this machine has no network address'})`,
  () => {
    const runtimes: TestRuntime[] = []
    afterAll(async () => {
      for (const t of runtimes) await t.close()
    })
    async function serverOnAllAddresses(devLoginFrom?: 'anywhere') {
      const t = await startTestRuntime({ host: '0.0.0.0', ...(devLoginFrom ? { devLoginFrom } : {}) })
      runtimes.push(t)
      return { t, viaNetwork: t.url.replace(/\/\/[^:/]+/, `//${networkAddress}`) }
    }
    const signIn = async (base: string) => {
      const response = await fetch(`${base}/api/dev/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ openid: 'demo-admin' }),
      })
      return {
        status: response.status,
        body: (await response.json()) as { ok: boolean; error?: { code: string; message: string } },
      }
    }

    test('when someone reaches the server through its network address, then the sign-in is refused with a Chinese reason and no account is made; this machine still signs in', async () => {
      const { t, viaNetwork } = await serverOnAllAddresses()
      const before = t.dbHash()

      const refused = await signIn(viaNetwork)

      expect(refused).toEqual({
        status: 403,
        body: {
          ok: false,
          error: { code: 'AUTH.FORBIDDEN', message: expect.stringContaining('演示登录只对本机开放') },
        },
      })
      expect(t.dbHash()).toBe(before)
      expect((await signIn(t.url)).status).toBe(200)
    })

    test('when the runtime is started with the sign-in open to anywhere, then the network address signs in too', async () => {
      const { viaNetwork } = await serverOnAllAddresses('anywhere')
      expect((await signIn(viaNetwork)).status).toBe(200)
    })
  },
)

describe('which addresses are this machine', () => {
  test('when addresses are judged, then only loopback (IPv4, IPv6, IPv4-mapped) counts', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(['10.0.0.1', '::ffff:10.0.0.1', '1270.0.0.1', '', undefined, 'fe80::1'].map(isLoopbackAddress)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
