import { searchTerms } from '../../contracts'
import {
  containsAll,
  findMarks,
  highlight,
  rankEntries,
  scoreEntry,
  WEIGHTS,
} from '../../cloudfunctions/core/health/search'
import { at } from '../support/lists'

const entry = (id: string, title: string, body: string, publishedAt: number, tagText = '') => ({
  _id: id,
  title,
  body,
  tagText,
  publishedAt,
})

describe('search terms', () => {
  test('when a query has spaces and punctuation, then it splits into words of two or more characters', () => {
    expect(searchTerms(' 高血压，饮食 要注意什么？')).toEqual(['高血压', '饮食', '要注意什么'])
  })

  test('when a query has one-character words, then they are dropped, and a query of only those has no terms', () => {
    expect(searchTerms('血 压')).toEqual([])
    expect(searchTerms('高 血压')).toEqual(['血压'])
    expect(searchTerms('')).toEqual([])
    expect(searchTerms('   ')).toEqual([])
  })

  test('when a query repeats a word or uses capitals or full-width letters, then terms are folded and unique', () => {
    expect(searchTerms('BMI bmi ＢＭＩ')).toEqual(['bmi'])
  })

  test('when a query has many words, then only the first five count', () => {
    expect(searchTerms('一一 二二 三三 四四 五五 六六')).toHaveLength(5)
  })
})

describe('ranking', () => {
  test('when a term is in the title, then it outranks an entry with the term only in the body', () => {
    const inTitle = entry('b', '高血压怎么吃药', '按时吃药', 1)
    const inBody = entry('a', '冬天注意什么', '有高血压的老人要注意保暖，高血压药别停', 2)
    expect(rankEntries([inBody, inTitle], ['血压']).map((r) => r.entry._id)).toEqual(['b', 'a'])
    expect(scoreEntry(inTitle, ['血压'])).toBe(WEIGHTS.title)
    expect(scoreEntry(inBody, ['血压'])).toBe(2 * WEIGHTS.bodyPerHit)
  })

  test('when body hits pile up, then they count at most three', () => {
    expect(scoreEntry(entry('a', '无', '血压 血压 血压 血压 血压', 1), ['血压'])).toBe(WEIGHTS.bodyMax)
  })

  test('when a term is one of the tags, then it adds the tag weight', () => {
    expect(scoreEntry(entry('a', '冬季保暖', '多穿衣服', 1, '高血压 冬季'), ['血压'])).toBe(WEIGHTS.tag)
  })

  test('when scores tie, then the newer entry comes first, and equal dates go by id, the same every time', () => {
    const entries = [entry('c', '血压', '', 5), entry('a', '血压', '', 9), entry('b', '血压', '', 5)]
    const first = rankEntries(entries, ['血压']).map((r) => r.entry._id)
    expect(first).toEqual(['a', 'b', 'c'])
    expect(rankEntries([...entries].reverse(), ['血压']).map((r) => r.entry._id)).toEqual(first)
  })

  test('when an entry lacks one of the terms, then it does not contain them all', () => {
    expect(containsAll(entry('a', '高血压', '饮食清淡', 1), ['血压', '饮食'])).toBe(true)
    expect(containsAll(entry('a', '高血压', '多运动', 1), ['血压', '饮食'])).toBe(false)
    expect(containsAll(entry('a', 'BMI 指数', '', 1), ['bmi'])).toBe(true)
  })
})

describe('highlighting', () => {
  test('when terms occur, then every occurrence is marked and overlapping marks merge', () => {
    expect(findMarks('高血压和低血压', ['血压'])).toEqual([
      [1, 3],
      [5, 7],
    ])
    expect(findMarks('高血压', ['高血', '血压'])).toEqual([[0, 3]])
    expect(findMarks('Blood BLOOD', ['blood'])).toEqual([
      [0, 5],
      [6, 11],
    ])
  })

  test('when the text is short, then it comes back whole with its marks', () => {
    const h = highlight('高血压怎么吃药', ['血压'], 80)
    expect(h).toEqual({ text: '高血压怎么吃药', marks: [[1, 3]] })
    expect(h.text.slice(1, 3)).toBe('血压')
  })

  test('when the text is long, then a window around the first match is cut out with … and the marks still point at the term', () => {
    const text = `${'一'.repeat(200)}高血压${'二'.repeat(200)}`
    const h = highlight(text, ['血压'], 60)
    expect(h.text.startsWith('…')).toBe(true)
    expect(h.text.endsWith('…')).toBe(true)
    expect(h.marks).toHaveLength(1)
    const [s, e] = at(h.marks, 0)
    expect(h.text.slice(s, e)).toBe('血压')
  })

  test('when the window edge falls inside an emoji, then the emoji is kept whole', () => {
    const text = `😀😀😀😀😀😀😀😀😀😀${'字'.repeat(10)}血压${'字'.repeat(100)}`
    const h = highlight(text, ['血压'], 30)
    expect(h.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
    const [s, e] = at(h.marks, 0)
    expect(h.text.slice(s, e)).toBe('血压')
  })

  test('when nothing matches in the body, then the start of the text is shown without marks', () => {
    expect(highlight(`${'字'.repeat(100)}`, ['血压'], 20)).toEqual({ text: `${'字'.repeat(20)}…`, marks: [] })
  })
})
