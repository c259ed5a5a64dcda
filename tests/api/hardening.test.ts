import net from 'node:net'
import { CHINESE, expectError, expectUnchanged, userIdOf } from '../support/api-expect'
import { TestClock } from '../support/clock'
import { startTestRuntime, type TestRuntime } from '../support/runtime'

describe('hardening: limits and timeouts over HTTP', () => {
  let t: TestRuntime
  const clock = new TestClock()
  beforeAll(async () => {
    t = await startTestRuntime({ clock, requestTimeoutMs: 300 })
  })
  afterAll(() => t.close())

  test('when a person repeats a write past its limit, then 429 RATE.LIMITED says when to retry, changes nothing, and the minute after it works again', async () => {
    const someone = await t.login('t-hardening-limit')
    for (let i = 0; i < 30; i++) await someone.ok('health', 'follow')
    const refused = await expectUnchanged(t, () => someone.call('health', 'follow'))
    expect(expectError(refused, 429, 'RATE.LIMITED').retryAfterSeconds).toBeGreaterThanOrEqual(1)
    // Reading is not limited: the page can be opened as often as people like.
    for (let i = 0; i < 40; i++) await someone.ok('health', 'overview')
    clock.advance(61_000)
    await someone.ok('health', 'follow')
  })

  test('when a client sends its headers and then stalls mid-body, then it is cut off with 408 REQUEST.TIMEOUT in the envelope and nothing changes', async () => {
    const before = t.dbHash()
    const { port } = new URL(t.url)
    const reply = await exchange(
      Number(port),
      `POST /api/functions/account HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"action":"me"`,
    )
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout')
    const body = JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))
    expect(body).toEqual({ ok: false, error: { code: 'REQUEST.TIMEOUT', message: expect.stringMatching(CHINESE) } })
    const head = reply.slice(0, reply.indexOf('\r\n\r\n')).split('\r\n')
    expect(head).toEqual(
      expect.arrayContaining([
        'X-Content-Type-Options: nosniff',
        'Referrer-Policy: no-referrer',
        'X-Frame-Options: DENY',
        'Cross-Origin-Opener-Policy: same-origin',
        expect.stringMatching(/^Permissions-Policy: camera=\(\)/),
      ]),
    )
    expect(t.dbHash()).toBe(before)
  })

  test('when a client sends malformed HTTP, then 400 INPUT.INVALID in the envelope', async () => {
    const { port } = new URL(t.url)
    const reply = await exchange(Number(port), 'NONSENSE\r\n\r\n')
    expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request')
    expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    })
  })
})

/**
 * The runtime's log is for operators: ids, codes, timings. A whole day of a neighbourhood's use —
 * chatting, asking the doctor, applying with a room, answering, asking buddies for help, signing
 * up for events, failing validation and content checks — must leave none of what people wrote,
 * their names or their rooms in it.
 */
describe('hardening: logs hold nothing personal', () => {
  const lines: string[] = []
  let t: TestRuntime
  const clock = new TestClock()
  beforeAll(async () => {
    t = await startTestRuntime({ clock, logLevel: 'info', logWrite: (line) => lines.push(line) })
  })
  afterAll(() => t.close())

  const ROOM = '1103'
  const WORDS = {
    nickname: '日志林阿姨',
    newNickname: '日志林奶奶',
    message: '日志：我家阳台漏水楼下请注意',
    reply: '日志：好的我去看看',
    reason: '日志举报：这是广告',
    question: '日志：最近膝盖疼上下楼困难怎么办',
    answer: '日志：先减少爬楼，热敷并就医检查',
    noticeTitle: '日志：电梯维修通知',
    noticeBody: '日志：周五电梯停运一天',
    helpNote: '日志：家里电视遥控器不会用',
    workplace: '日志科技有限公司',
    eventQuestion: '日志：有什么忌口',
    eventAnswer: '日志：不吃辣',
    rejected: '日志：违禁测试词出售',
    invalid: '日志：这个昵称实在是太长了超过二十个字一定会被拒绝的',
  }

  test('when residents, the leader, the doctor and the committee go about a day, then no log line holds their words, names or rooms', async () => {
    const admin = await t.login('demo-admin')
    const doctor = await t.login('demo-doctor')
    const resident = await t.login('t-logs-1', WORDS.nickname)
    const applied = await resident.ok('account', 'applyToBuilding', { buildingId: 'hsgef-4', room: ROOM })
    await admin.ok('account', 'reviewApplication', {
      membershipId: applied.membershipId,
      decision: 'approve',
      reason: '日志：核实无误',
    })
    await resident.ok('account', 'updateProfile', { nickname: WORDS.newNickname })
    const { joinCode } = await admin.ok('account', 'joinPoster', { buildingId: 'hsgef-4' })
    const neighbour = await t.login('t-logs-2', '日志周老伯')
    await neighbour.ok('account', 'applyToBuilding', { buildingId: 'hsgef-4', room: '1102', joinCode })

    const said = await resident.ok('chat', 'send', {
      groupId: 'bg-hsgef-4',
      clientId: 'logs-0001',
      text: WORDS.message,
    })
    await neighbour.ok('chat', 'send', {
      groupId: 'bg-hsgef-4',
      clientId: 'logs-0002',
      text: WORDS.reply,
      replyTo: said.messageId,
      mentions: [await userIdOf(resident)],
    })
    await neighbour.ok('chat', 'report', { messageId: said.messageId, reason: WORDS.reason })
    expectError(
      await resident.call('chat', 'send', { groupId: 'bg-hsgef-4', clientId: 'logs-0003', text: WORDS.rejected }),
      400,
      'CONTENT.REJECTED',
    )
    expectError(
      await resident.call('account', 'updateProfile', { nickname: WORDS.invalid }),
      400,
      'INPUT.INVALID',
      'nickname',
    )

    const asked = await resident.ok('health', 'ask', { question: WORDS.question, category: '运动', allowPublish: true })
    await doctor.ok('health', 'answer', { questionId: asked.questionId, answer: WORDS.answer, publish: false })

    await admin.ok('announcements', 'publish', {
      audience: { buildingId: 'hsgef-4' },
      title: WORDS.noticeTitle,
      body: WORDS.noticeBody,
    })
    await resident.ok('buddies', 'signUp', {
      nickname: WORDS.newNickname,
      ageBand: '36-45',
      interests: ['读书'],
      workplace: WORDS.workplace,
      availability: ['weekend'],
      consent: true,
    })
    await resident.ok('buddies', 'requestHelp', { skill: '教老人用手机', when: '日志：周六上午', note: WORDS.helpNote })

    const start = clock.now() + 2 * 24 * 3600_000
    const { event } = await admin.ok('events', 'create', {
      title: '日志：包馄饨',
      place: '日志：活动室',
      startAt: start,
      endAt: start + 3600_000,
      capacity: 20,
      audience: { buildingId: 'hsgef-4' },
      questions: [{ kind: 'text', text: WORDS.eventQuestion }],
    })
    await resident.ok('events', 'rsvp', { eventId: event.eventId, answers: { q1: WORDS.eventAnswer } })
    await resident.ok('account', 'exportMyData')
    await resident.ok('account', 'deleteMe', { confirm: true })

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    // The log is really being written: one line per call, with codes.
    expect(entries.filter((e) => e.msg === 'call').length).toBeGreaterThanOrEqual(20)
    expect(entries.map((e) => e.code)).toEqual(expect.arrayContaining(['OK', 'CONTENT.REJECTED', 'INPUT.INVALID']))

    const leaks: string[] = []
    for (const entry of entries) {
      for (const value of stringsIn(entry, ['time', 'requestId'])) {
        for (const [what, word] of Object.entries(WORDS))
          if (value.includes(word) || value.includes(word.slice(3, 9)))
            leaks.push(`${what} in ${JSON.stringify(entry)}`)
        if (new RegExp(`(^|[^0-9A-Za-z])${ROOM}([^0-9A-Za-z]|$)`).test(value))
          leaks.push(`room in ${JSON.stringify(entry)}`)
        if (value.includes('日志')) leaks.push(`user text in ${JSON.stringify(entry)}`)
      }
    }
    expect(leaks).toEqual([])
  })
})

/** Writes raw bytes and collects everything until the server closes (given up after 10 s, so a hang fails rather than stalls). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request))
    let received = ''
    socket.setEncoding('utf8')
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer; received so far: ${received}`)))
    socket.on('data', (chunk) => (received += chunk))
    socket.on('close', () => resolve(received))
    socket.on('error', reject)
  })
}

function stringsIn(value: unknown, skipKeys: string[]): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((v) => stringsIn(v, skipKeys))
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (skipKeys.includes(key) ? [] : [key, ...stringsIn(v, skipKeys)]))
  }
  return []
}
