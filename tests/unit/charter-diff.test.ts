import { articleChanges, changesLine } from '../../cloudfunctions/core/charter/diff'

const a = (title: string, text: string) => ({ title, text })

describe('a charter diff, article by article', () => {
  test('when an article keeps its words under a new title, then it is one renamed article, not a removal and an addition', () => {
    const changes = articleChanges(
      [a('楼道', '不堆物'), a('噪音', '晚上安静')],
      [a('楼道整洁', '不堆物'), a('噪音', '晚上安静')],
    )
    expect(changes).toEqual([
      { kind: 'changed', title: '楼道整洁', text: '不堆物', previousTitle: '楼道' },
      { kind: 'same', title: '噪音', text: '晚上安静' },
    ])
    expect(changesLine(changes)).toBe('修改 1 条')
  })

  test('when articles are added, changed and removed, then the new order comes first and removed ones last', () => {
    const changes = articleChanges([a('甲', '一'), a('乙', '二')], [a('丙', '三'), a('甲', '一改')])
    expect(changes.map((c) => c.kind)).toEqual(['added', 'changed', 'removed'])
    expect(changes[1]).toMatchObject({ previousText: '一' })
    expect(changesLine(changes)).toBe('新增 1 条，修改 1 条，删除 1 条')
    expect(changesLine(articleChanges([a('甲', '一')], [a('甲', '一')]))).toBe('与上一版相同')
  })
})
