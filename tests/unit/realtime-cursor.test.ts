import { formatCursors, parseCursors, parseTopics } from '../../cloudfunctions/runtime/realtime-cursor'

describe('realtime topics and cursors', () => {
  const two = parseTopics('group:bg-jsh-5,group:ig_1')!

  test('when topics are listed, then each is split into kind and id, duplicates dropped', () => {
    expect(parseTopics('group:bg-jsh-5, group:bg-jsh-5,group:ig_1')).toEqual([
      { key: 'group:bg-jsh-5', kind: 'group', id: 'bg-jsh-5' },
      { key: 'group:ig_1', kind: 'group', id: 'ig_1' },
    ])
  })

  test.each([
    [undefined],
    [''],
    ['group'],
    ['group:'],
    ['Group:x'],
    ['group:a b'],
    ['group:a@b'],
    [['group:a']],
    [Array.from({ length: 21 }, (_, i) => `group:g${i}`).join(',')],
  ])('when topics are %p, then they are refused', (raw) => expect(parseTopics(raw)).toBeNull())

  test('when a cursor vector comes back, then each followed topic gets its cursor and others are ignored', () => {
    expect(parseCursors('group:bg-jsh-5@12,group:ig_1@0,group:other@9', two)).toEqual(
      new Map([
        ['group:bg-jsh-5', 12],
        ['group:ig_1', 0],
      ]),
    )
  })

  test('when a bare number is given for one topic, then it is that topic’s cursor; for two topics it is refused', () => {
    expect(parseCursors('40', parseTopics('group:a')!)).toEqual(new Map([['group:a', 40]]))
    expect(parseCursors('40', two)).toBeNull()
  })

  test('when nothing is given, then no topic has a cursor', () => {
    expect(parseCursors(undefined, two)).toEqual(new Map())
    expect(parseCursors('', two)).toEqual(new Map())
  })

  test.each([['-1'], ['1.5'], ['group:a@'], ['group:a@x'], ['@3'], ['group:a@1,,'], ['x'.repeat(4001)], [12]])(
    'when the cursor is %p, then it is refused',
    (raw) => {
      expect(parseCursors(raw, parseTopics('group:a')!)).toBeNull()
    },
  )

  test('when cursors are formatted, then parsing gives them back', () => {
    const cursors = new Map([
      ['group:bg-jsh-5', 12],
      ['group:ig_1', 3],
    ])
    expect(parseCursors(formatCursors(cursors), two)).toEqual(cursors)
  })
})
