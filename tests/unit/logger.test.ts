import { createStdoutLogger } from '../../cloudfunctions/adapters/cloudbase/stdout-logger'
import { createLogger } from '../../cloudfunctions/adapters/shared/logger'
import { startTestRuntime } from '../support/runtime'

function collect(level?: 'info' | 'warn' | 'error' | 'silent') {
  const lines: string[] = []
  const log = createLogger({ write: (line) => lines.push(line), level })
  return { log, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) }
}

describe('logger: one JSON line per entry, nothing personal', () => {
  test('when an entry is logged, then it is one JSON line with its level by name, an ISO time, the message and the fields', () => {
    const { log, lines, entries } = collect()
    log.info({ requestId: 'r-1', fn: 'chat', ms: 12 }, 'call')
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toContain('\n')
    const [entry] = entries()
    expect(entry).toEqual({
      level: 'info',
      time: expect.any(String),
      msg: 'call',
      requestId: 'r-1',
      fn: 'chat',
      ms: 12,
    })
    expect(new Date(entry?.time as string).toISOString()).toBe(entry?.time)
  })

  test('when the level is warn, then info entries are dropped and warnings and errors are written', () => {
    const { log, entries } = collect('warn')
    log.info({}, 'routine')
    log.warn({}, 'odd')
    log.error({}, 'broken')
    expect(entries().map((e) => [e.level, e.msg])).toEqual([
      ['warn', 'odd'],
      ['error', 'broken'],
    ])
  })

  test('when the level is silent, then nothing is written', () => {
    const { log, lines } = collect('silent')
    log.error({ code: 'X' }, 'broken')
    expect(lines).toEqual([])
  })

  test('when a caller passes a field that could hold what people wrote or who they are, then its value is censored, at the top and one level down', () => {
    const { log, lines, entries } = collect()
    log.warn(
      {
        messageId: 'm-1',
        text: '我家阳台漏水',
        nickname: '林阿姨',
        room: '1103',
        draft: { question: '膝盖疼', title: '通知' },
      },
      'careless caller',
    )
    const joined = lines.join('\n')
    for (const secret of ['我家阳台漏水', '林阿姨', '1103', '膝盖疼', '通知']) expect(joined).not.toContain(secret)
    expect(entries()[0]).toMatchObject({
      messageId: 'm-1',
      text: '[redacted]',
      nickname: '[redacted]',
      room: '[redacted]',
      draft: { question: '[redacted]', title: '[redacted]' },
    })
  })
})

describe('logger: the CloudBase functions write the same lines', () => {
  test("when the same entries go through the local logger and the functions' logger, then the lines are the same apart from the time", () => {
    const local = collect('warn')
    const cloudLines: string[] = []
    const cloud = createStdoutLogger('warn', (line) => cloudLines.push(line))
    for (const log of [local.log, cloud]) {
      log.info({ requestId: 'r-1' }, 'dropped at warn')
      log.warn({ requestId: 'r-2', nickname: '林阿姨', draft: { room: '1103', at: 3 }, list: [1, 2] }, 'careless')
      log.error({ code: 'X', nested: { deeper: { text: "two levels down is the caller's care" } } }, 'broken')
    }
    const withoutTime = (line: string) => ({ ...JSON.parse(line), time: undefined })
    expect(cloudLines.map(withoutTime)).toEqual(local.lines.map(withoutTime))
    expect(cloudLines.map((line) => Object.keys(JSON.parse(line)))).toEqual(
      local.lines.map((line) => Object.keys(JSON.parse(line))),
    )
    expect(cloudLines).toHaveLength(2)
  })
})

describe('logger: the local server logs through it', () => {
  test('when the server answers a request outside the functions, then one request line names its method and path, never its query string', async () => {
    const lines: string[] = []
    const t = await startTestRuntime({ logLevel: 'info', logWrite: (line) => lines.push(line) })
    try {
      const reply = await fetch(`${t.url}/api/health?token=secret-token-value`)
      expect(reply.status).toBe(200)
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
      const completed = entries.filter((e) => e.msg === 'request completed')
      expect(completed).toEqual([
        expect.objectContaining({ level: 'info', reqId: expect.any(String), res: { statusCode: 200 } }),
      ])
      expect(entries).toContainEqual(
        expect.objectContaining({ msg: 'incoming request', req: { method: 'GET', path: '/api/health' } }),
      )
      expect(lines.join('\n')).not.toContain('secret-token-value')
    } finally {
      await t.close()
    }
  })
})
