import { act, renderHook } from '@testing-library/react'
import { draftKey } from '../../src/features/account/useDraft'
import { useStoredDraft } from '../../src/hooks/useStoredDraft'
import { readStored } from '../../src/services/storage'
import { taro } from '../support/ui/taro'

describe('useStoredDraft: what is typed is kept on the device until it is sent', () => {
  beforeEach(() => taro.reset())
  const key = draftKey('u-wang', 'health-question')

  test('when text is typed, then it is stored at once, and a fresh page (after a refresh or coming back) starts from it', () => {
    const first = renderHook(() => useStoredDraft(key, ''))
    act(() => first.result.current[1]('我最近晚上总是睡不着'))
    expect(readStored(key, '')).toBe('我最近晚上总是睡不着')
    first.unmount()

    const again = renderHook(() => useStoredDraft(key, ''))
    expect(again.result.current[0]).toBe('我最近晚上总是睡不着')
  })

  test('when the form is sent and cleared, then the draft is gone and the next visit starts empty', () => {
    const hook = renderHook(() => useStoredDraft(key, ''))
    act(() => hook.result.current[1]('血压有点高'))
    act(() => hook.result.current[2]())
    expect(hook.result.current[0]).toBe('')
    expect(readStored(key, null)).toBeNull()
    expect(renderHook(() => useStoredDraft(key, '')).result.current[0]).toBe('')
  })

  test('when two people use one phone, then each sees only their own draft of the same form', () => {
    const wang = renderHook(() => useStoredDraft(draftKey('u-wang', 'chat:bg-jsh-5'), ''))
    act(() => wang.result.current[1]('王阿姨的话'))
    const zhao = renderHook(() => useStoredDraft(draftKey('u-zhao', 'chat:bg-jsh-5'), ''))
    expect(zhao.result.current[0]).toBe('')
    const otherGroup = renderHook(() => useStoredDraft(draftKey('u-wang', 'chat:bg-jsh-6'), ''))
    expect(otherGroup.result.current[0]).toBe('')
  })

  test('when who is typing is not known yet, then nothing is stored; once known, the kept draft appears', () => {
    const yesterday = renderHook(() => useStoredDraft(key, ''))
    act(() => yesterday.result.current[1]('昨天写了一半'))
    yesterday.unmount()
    const hook = renderHook(({ k }: { k: string | null }) => useStoredDraft(k, ''), {
      initialProps: { k: null as string | null },
    })
    expect(hook.result.current[0]).toBe('')
    hook.rerender({ k: key })
    expect(hook.result.current[0]).toBe('昨天写了一半')
  })

  test('when a form keeps an object (an event being planned), then updates by function keep every field', () => {
    const eventKey = draftKey('u-zhang', 'event')
    const hook = renderHook(() => useStoredDraft(eventKey, { title: '', place: '' }))
    act(() => hook.result.current[1]((d) => ({ ...d, title: '包馄饨' })))
    act(() => hook.result.current[1]((d) => ({ ...d, place: '活动室' })))
    expect(renderHook(() => useStoredDraft(eventKey, { title: '', place: '' })).result.current[0]).toEqual({
      title: '包馄饨',
      place: '活动室',
    })
  })
})
