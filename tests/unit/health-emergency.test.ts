import fs from 'node:fs'
import path from 'node:path'
import { EMERGENCY_GROUPS, EMERGENCY_PHRASES, emergencyNoticeFor, findEmergencySigns } from '../../contracts'

describe('emergency signs in a health question', () => {
  test.each(EMERGENCY_PHRASES.map((phrase) => [phrase]))(
    'when a question mentions 「%s」, then the guidance says to call 120',
    (phrase) => {
      const notice = emergencyNoticeFor(`李医生您好，我家老人今天${phrase}，请问怎么办？`)
      expect(notice?.signs).toContain(phrase)
      expect(notice?.steps.join('')).toContain('120')
      expect(notice?.title).toMatch(/急症/)
    },
  )

  test('when the phrase is broken up by spaces or a line break, then it is still found', () => {
    expect(findEmergencySigns('突然 胸 痛')).toEqual(['胸痛'])
    expect(findEmergencySigns('呼吸\n困难')).toEqual(['呼吸困难'])
  })

  test('when a question mentions signs of two conditions, then both are listed in list order and each adds its own advice', () => {
    const notice = emergencyNoticeFor('昨天抽搐了一次，今天又胸闷')
    expect(notice?.signs).toEqual(['胸闷', '抽搐'])
    const chest = EMERGENCY_GROUPS.find((g) => g.phrases.includes('胸闷'))?.extra
    const seizure = EMERGENCY_GROUPS.find((g) => g.phrases.includes('抽搐'))?.extra
    expect(notice?.steps).toEqual(expect.arrayContaining([chest, seizure]))
  })

  test('when a question mentions thoughts of self-harm, then the guidance adds the Shanghai mental-health hotline', () => {
    expect(emergencyNoticeFor('最近总觉得活不下去了')?.steps.join('')).toContain('962525')
  })

  test.each([
    ['降压药早上吃还是晚上吃好？'],
    ['糖尿病人能吃水果吗？'],
    ['膝盖不好还能跳广场舞吗？'],
    ['孩子发烧38度，精神还好'],
    ['午睡睡多久比较合适？'],
    ['我有高血压，平时吃什么'],
  ])('when an everyday question 「%s」 is asked, then there is no emergency guidance', (question) => {
    expect(emergencyNoticeFor(question)).toBeNull()
  })

  test('when docs/HEALTH.md is read, then it documents every phrase of the list', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../docs/HEALTH.md'), 'utf8')
    const missing = EMERGENCY_PHRASES.filter((phrase) => !doc.includes(phrase))
    expect(missing).toEqual([])
  })
})
