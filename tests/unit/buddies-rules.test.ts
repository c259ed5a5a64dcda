import { csvCell, toCsv } from '../../cloudfunctions/core/shared/csv'
import { isoDate } from '../../contracts/shanghai-time'
import { rankGroups, type RankInput } from '../../cloudfunctions/core/buddies/recommend'
import { mostCommonSpelling, workplaceKey } from '../../cloudfunctions/core/buddies/workplace'
import type { Interest } from '../../contracts'
import { firstOf } from '../support/lists'

const g = (groupId: string, interests: Interest[], memberCount: number, createdAt = 0): RankInput => ({
  groupId,
  interests,
  memberCount,
  createdAt,
})

describe('the interest-group order (docs/BUDDIES.md)', () => {
  const groups = [
    g('choir', ['合唱'], 30, 1),
    g('photo', ['摄影'], 10, 2),
    g('walk', ['运动', '旅行'], 5, 3),
    g('fitness', ['运动', '拳操'], 8, 4),
    g('reading', ['读书'], 10, 0),
    g('films', ['电影'], 10, 5),
  ]

  test('when I like 运动, 拳操 and 摄影, then: more shared interests first, then more members, then the rest by members and age', () => {
    const ranked = rankGroups(groups, ['运动', '拳操', '摄影'], new Set())
    expect(ranked.map((r) => [r.group.groupId, r.section, r.matched])).toEqual([
      ['fitness', 'recommended', ['运动', '拳操']], // two shared
      ['photo', 'recommended', ['摄影']], // one shared, 10 members
      ['walk', 'recommended', ['运动']], // one shared, 5 members
      ['choir', 'other', []], // 30 members
      ['reading', 'other', []], // 10 members, created before films
      ['films', 'other', []],
    ])
  })

  test('when I belong to a group, then it leaves 推荐 and sits after it, under 我加入的', () => {
    const ranked = rankGroups(groups, ['运动', '拳操', '摄影'], new Set(['fitness', 'films']))
    expect(ranked.map((r) => [r.group.groupId, r.section])).toEqual([
      ['photo', 'recommended'],
      ['walk', 'recommended'],
      ['films', 'mine'], // 10 members
      ['fitness', 'mine'], // 8 members
      ['choir', 'other'],
      ['reading', 'other'],
    ])
  })

  test('when everything ties, then the group id decides, whatever order the rows came in', () => {
    const twins = [g('b', ['读书'], 3, 7), g('a', ['读书'], 3, 7), g('c', ['读书'], 3, 7)]
    expect(rankGroups(twins, ['读书'], new Set()).map((r) => r.group.groupId)).toEqual(['a', 'b', 'c'])
    expect(rankGroups([...twins].reverse(), ['读书'], new Set()).map((r) => r.group.groupId)).toEqual(['a', 'b', 'c'])
  })

  test('when shared interests are listed, then they follow my order, not the group’s', () => {
    const ranked = firstOf(rankGroups([g('x', ['拳操', '运动'], 1)], ['运动', '拳操'], new Set()))
    expect(ranked.matched).toEqual(['运动', '拳操'])
  })

  test('when I have no interests (not signed up), then nothing is recommended', () => {
    expect(rankGroups(groups, [], new Set()).every((r) => r.section === 'other')).toBe(true)
  })
})

describe('CSV export', () => {
  test('when a cell starts like a formula, then it is made inert', () => {
    expect(csvCell('=1+1')).toBe("'=1+1")
    expect(csvCell('+86 138')).toBe("'+86 138")
    expect(csvCell('-5')).toBe("'-5")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell(-5)).toBe('-5')
  })

  test('when a cell holds commas, quotes or line breaks, then it is quoted', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('a\nb')).toBe('"a\nb"')
    expect(csvCell('小王')).toBe('小王')
  })

  test('when a table is written, then it starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n')
  })

  test('when a time is late evening UTC, then the Shanghai date is already the next day', () => {
    expect(isoDate(Date.UTC(2026, 10, 27, 16, 30))).toBe('2026-11-28')
    expect(isoDate(Date.UTC(2026, 10, 27, 15, 59))).toBe('2026-11-27')
  })
})

describe('workplaces (双楼共建)', () => {
  test('when the same workplace is written differently, then the key is the same', () => {
    const key = workplaceKey('上海银行')
    for (const spelling of ['上海银行 ', ' 上海 银行', '上海银行。', '上海\u3000银行'])
      expect(workplaceKey(spelling)).toBe(key)
    expect(workplaceKey('ＡＢＣ公司')).toBe(workplaceKey('abc公司'))
    expect(workplaceKey('上海银行')).not.toBe(workplaceKey('上海农商银行'))
  })

  test('when spellings differ, then the most common is shown, the first written on a tie', () => {
    expect(mostCommonSpelling(['张江 科技园', '张江科技园', '张江科技园'])).toBe('张江科技园')
    expect(mostCommonSpelling(['A', 'B'])).toBe('A')
  })
})
