import {
  initialState,
  newestSeq,
  oldestSeq,
  WINDOW,
  withChange,
  withFailed,
  withNewer,
  withOlder,
  withPending,
  type HistoryPage,
} from '../../src/features/chat/conversation-state'
import type { MessageView } from '../../contracts'
import { at, lastOf } from '../support/lists'

const message = (seq: number, extra: Partial<MessageView> = {}): MessageView => ({
  messageId: `g:u_${seq % 3}:client-${String(seq).padStart(4, '0')}`,
  groupId: 'g',
  kind: 'text',
  seq,
  version: seq,
  senderId: `u_${seq % 3}`,
  senderName: '王阿姨',
  text: `第${seq}条`,
  state: 'normal',
  sentAt: 1_000_000 + seq,
  mentions: [],
  ...extra,
})
/** A history page as the server sends it: newest first. */
const page = (from: number, to: number, extra: Partial<HistoryPage> = {}): HistoryPage => ({
  items: Array.from({ length: to - from + 1 }, (_, i) => message(to - i)),
  cursor: to,
  latestSeq: to,
  ...extra,
})

describe('the chat window', () => {
  test('when the first page arrives, then messages are oldest first and older pages are known to exist', () => {
    const state = initialState(page(971, 1000, { nextBefore: 971, latestSeq: 1000 }))
    expect(state.items.map((m) => m.seq)).toEqual(Array.from({ length: 30 }, (_, i) => 971 + i))
    expect(state).toMatchObject({ hasOlder: true, hasNewer: false, cursor: 1000, latestSeq: 1000, unseen: 0 })
  })

  test('when the person scrolls up through many pages, then the window never holds more than WINDOW and marks that newer ones were let go', () => {
    let state = initialState(page(971, 1000, { nextBefore: 971 }))
    for (let top = 970; top > 700; top -= 30)
      state = withOlder(state, page(top - 29, top, { nextBefore: top - 29, cursor: 1000, latestSeq: 1000 }))
    expect(state.items).toHaveLength(WINDOW)
    expect(oldestSeq(state)).toBe(701)
    expect(newestSeq(state)).toBe(701 + WINDOW - 1)
    expect(state.hasNewer).toBe(true)
    // Scrolling back down fills in from below and lets the oldest go.
    const below = newestSeq(state)
    state = withNewer(state, page(below + 1, below + 30, { nextAfter: below + 30, cursor: 1000, latestSeq: 1000 }))
    expect(state.items).toHaveLength(WINDOW)
    expect(newestSeq(state)).toBe(below + 30)
    expect(state.hasOlder).toBe(true)
    expect(state.hasNewer).toBe(true)
  })

  test('when a new message arrives while the window is at the bottom, then it is appended; if the person is not looking it is counted as unseen', () => {
    let state = initialState(page(1, 10))
    state = withChange(state, message(11), 11, true)
    expect(newestSeq(state)).toBe(11)
    expect(state.unseen).toBe(0)
    state = withChange(state, message(12), 12, false)
    expect(newestSeq(state)).toBe(12)
    expect(state.unseen).toBe(1)
    expect(state.cursor).toBe(12)
  })

  test('when the newest were trimmed, then a live message is only counted, not shown out of place', () => {
    let state = initialState(page(971, 1000, { nextBefore: 971 }))
    for (let top = 970; top > 800; top -= 30)
      state = withOlder(state, page(top - 29, top, { nextBefore: top - 29, cursor: 1000, latestSeq: 1000 }))
    const before = newestSeq(state)
    state = withChange(state, message(1001), 1001, true)
    expect(newestSeq(state)).toBe(before)
    expect(state).toMatchObject({ unseen: 1, latestSeq: 1001, cursor: 1001 })
  })

  test('when the same change arrives twice, or an older version after a newer one, then the newer one stays', () => {
    let state = initialState(page(1, 5))
    const recalled = message(3, { version: 9, state: 'recalled', text: '消息已撤回' })
    state = withChange(state, recalled, 9, true)
    state = withChange(state, message(3), 3, true)
    state = withChange(state, recalled, 9, true)
    expect(state.items.filter((m) => m.seq === 3)).toEqual([recalled])
    expect(state.items).toHaveLength(5)
  })

  test('when I send, then my message shows at the bottom at once, and the confirmed one replaces it wherever it lands', () => {
    let state = initialState(page(1, 5))
    const mine = message(6)
    state = withPending(state, mine)
    expect(state.items[state.items.length - 1]).toMatchObject({ messageId: mine.messageId, local: 'sending' })
    // Someone else's message lands first; mine stays below it until confirmed.
    state = withChange(state, message(7, { messageId: 'g:u_9:other-0007' }), 7, true)
    expect(lastOf(state.items).local).toBe('sending')
    state = withChange(state, { ...mine, seq: 8, version: 8 }, 8, true)
    expect(state.items.map((m) => [m.seq, m.local])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
      [4, undefined],
      [5, undefined],
      [7, undefined],
      [8, undefined],
    ])
  })

  test('when my send fails, then it stays on screen marked failed', () => {
    let state = initialState(page(1, 2))
    state = withPending(state, message(3))
    state = withFailed(state, message(3).messageId)
    expect(at(state.items, 2).local).toBe('failed')
  })

  test('when a change concerns an old message outside the window, then only the cursor moves', () => {
    let state = initialState(page(50, 60, { nextBefore: 50 }))
    state = withChange(state, message(10, { version: 61, state: 'hidden' }), 61, true)
    expect(state.items).toHaveLength(11)
    expect(state.cursor).toBe(61)
  })
})
