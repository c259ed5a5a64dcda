import { startTestRuntime, type TestRuntime } from '../support/runtime'

describe('local runtime over HTTP', () => {
  let t: TestRuntime
  beforeAll(async () => {
    t = await startTestRuntime()
  })
  afterAll(() => t.close())

  test('when the health endpoint is asked, then it answers ok', async () => {
    const response = await fetch(`${t.url}/api/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ ok: true, data: { status: 'ok' } })
  })

  test('when a persona logs in, then me returns their building', async () => {
    const leader = await t.login('demo-leader-5')
    const me = await leader.ok('account', 'me')
    expect(me.membership).toMatchObject({ buildingId: 'jsh-5', status: 'verified', room: '101' })
  })
})
