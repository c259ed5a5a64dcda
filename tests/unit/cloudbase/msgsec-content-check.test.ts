import {
  MSGSEC_MAX_CHARS,
  MsgSecContentCheck,
  type MsgSecCheckParams,
  type MsgSecCheckReply,
  type SecurityOpenApi,
} from '../../../cloudfunctions/adapters/cloudbase/msgsec-content-check'
import type { ContentScene } from '../../../cloudfunctions/core/shared/ports'
import { at } from '../../support/lists'

/** A stand-in for wx-server-sdk's cloud.openapi: records calls, answers from a script. */
function fakeOpenApi(answer: (params: MsgSecCheckParams) => MsgSecCheckReply | Promise<MsgSecCheckReply>) {
  const calls: MsgSecCheckParams[] = []
  const openapi: SecurityOpenApi = {
    security: {
      async msgSecCheck(params) {
        calls.push(params)
        return answer(params)
      },
    },
  }
  return { openapi, calls }
}

const pass: MsgSecCheckReply = {
  errCode: 0,
  errMsg: 'openapi.security.msgSecCheck:ok',
  result: { suggest: 'pass', label: 100 },
}

describe('msgSecCheck content check', () => {
  test('when the text passes, then it is accepted and WeChat got version 2, the scene, the openid and the text', async () => {
    // Arrange
    const { openapi, calls } = fakeOpenApi(() => pass)
    const check = new MsgSecContentCheck(openapi)
    // Act
    const verdict = await check.check({ text: '明天上午十点在小区花园集合', scene: 'forum', openid: 'o-user-1' })
    // Assert
    expect(verdict).toEqual({ ok: true })
    expect(calls).toEqual([{ version: 2, scene: 3, openid: 'o-user-1', content: '明天上午十点在小区花园集合' }])
  })

  test.each([
    ['profile', 1],
    ['comment', 2],
    ['forum', 3],
    ['social', 4],
  ] as Array<[ContentScene, number]>)('when the scene is %s, then WeChat scene %i is used', async (scene, expected) => {
    const { openapi, calls } = fakeOpenApi(() => pass)
    await new MsgSecContentCheck(openapi).check({ text: 'hi', scene, openid: 'o1' })
    expect(at(calls, 0).scene).toBe(expected)
  })

  test('when WeChat says risky, then the text is refused with the label named', async () => {
    const { openapi } = fakeOpenApi(() => ({ errCode: 0, result: { suggest: 'risky', label: 20002 } }))
    expect(await new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'comment', openid: 'o1' })).toEqual({
      ok: false,
      label: 'porn',
    })
  })

  test('when WeChat says review, then the text is refused too (only pass is accepted)', async () => {
    const { openapi } = fakeOpenApi(() => ({ errCode: 0, result: { suggest: 'review', label: 21000 } }))
    expect(await new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'social', openid: 'o1' })).toEqual({
      ok: false,
      label: 'other',
    })
  })

  test('when WeChat answers an unknown label, then the code is kept in the label', async () => {
    const { openapi } = fakeOpenApi(() => ({ result: { suggest: 'risky', label: 29999 } }))
    expect(await new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'social', openid: 'o1' })).toEqual({
      ok: false,
      label: 'msgsec:29999',
    })
  })

  test('when the text is longer than WeChat checks at once, then it is checked in pieces and refused if any piece fails', async () => {
    // Arrange: three pieces; the second is risky.
    const text = '好'.repeat(MSGSEC_MAX_CHARS * 2 + 10)
    let n = 0
    const { openapi, calls } = fakeOpenApi(() => (++n === 2 ? { result: { suggest: 'risky', label: 20001 } } : pass))
    // Act
    const verdict = await new MsgSecContentCheck(openapi).check({ text, scene: 'forum', openid: 'o1' })
    // Assert
    expect(verdict).toEqual({ ok: false, label: 'politics' })
    expect(calls.map((c) => [...c.content].length)).toEqual([MSGSEC_MAX_CHARS, MSGSEC_MAX_CHARS])
  })

  test('when WeChat reports an error code, then the check fails loudly instead of letting the text through', async () => {
    const { openapi } = fakeOpenApi(() => ({ errCode: 61010, errMsg: 'user is not in the mini program' }))
    await expect(new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'forum', openid: 'o1' })).rejects.toThrow(
      'errCode 61010',
    )
  })

  test('when the openapi call throws, then the error propagates (the router answers INTERNAL)', async () => {
    const { openapi } = fakeOpenApi(() =>
      Promise.reject(Object.assign(new Error('cloud.callOpenAPI:fail'), { errCode: -604101 })),
    )
    await expect(new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'forum', openid: 'o1' })).rejects.toThrow(
      'callOpenAPI',
    )
  })

  test('when the function has no openapi permission (-604101), then the error keeps the code and says how to fix it', async () => {
    const { openapi } = fakeOpenApi(() =>
      Promise.reject(Object.assign(new Error('system error: error code: -604101'), { errCode: -604101 })),
    )
    const attempt = new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'forum', openid: 'o1' })
    await expect(attempt).rejects.toMatchObject({ name: 'ContentCheckUnavailable', errCode: -604101 })
    await expect(attempt).rejects.toThrow(/openapi permission security\.msgSecCheck.*上传并部署.*npm run smoke/)
  })

  test('when WeChat answers without a suggestion, then the check fails loudly', async () => {
    const { openapi } = fakeOpenApi(() => ({ errCode: 0 }))
    await expect(new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'forum', openid: 'o1' })).rejects.toThrow(
      'suggest',
    )
  })

  test('when no openid is given, then nothing is sent and the check fails (v2 requires one)', async () => {
    const { openapi, calls } = fakeOpenApi(() => pass)
    await expect(new MsgSecContentCheck(openapi).check({ text: 'x', scene: 'forum' })).rejects.toThrow('openid')
    expect(calls).toEqual([])
  })
})
