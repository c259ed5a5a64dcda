import { act, renderHook, waitFor } from '@testing-library/react'
import { useAction } from '../../src/hooks/useAction'
import { ApiError, networkError } from '../../src/services/api-error'

/** useAction: what every page's buttons rely on — busy while running, the failure to show, never a throw. */
describe('useAction', () => {
  test('when the action succeeds, then run resolves with its value and nothing is shown as an error', async () => {
    const { result } = renderHook(() => useAction(async (n: number) => n * 2))
    let outcome: Awaited<ReturnType<typeof result.current.run>> | undefined
    await act(async () => {
      outcome = await result.current.run(21)
    })
    expect(outcome).toEqual({ ok: true, value: 42 })
    expect(result.current.error).toBeNull()
    expect(result.current.busy).toBe(false)
  })

  test('when the action is on the way, then busy is true until it settles', async () => {
    let finish: () => void = () => undefined
    const { result } = renderHook(() => useAction(() => new Promise<void>((resolve) => (finish = resolve))))
    let running: Promise<unknown> = Promise.resolve()
    act(() => {
      running = result.current.run()
    })
    await waitFor(() => expect(result.current.busy).toBe(true))
    await act(async () => {
      finish()
      await running
    })
    expect(result.current.busy).toBe(false)
  })

  test('when the server refuses, then run resolves (never throws) with the code, field and message to show', async () => {
    const refusal = new ApiError({ code: 'INPUT.INVALID', message: '房号：请填写房号', field: 'room' })
    const { result } = renderHook(() =>
      useAction(async (): Promise<void> => {
        throw refusal
      }),
    )
    let outcome: Awaited<ReturnType<typeof result.current.run>> | undefined
    await act(async () => {
      outcome = await result.current.run()
    })
    const failure = { message: '房号：请填写房号', code: 'INPUT.INVALID', field: 'room' }
    expect(outcome).toEqual({ ok: false, failure })
    expect(result.current.error).toEqual(failure)
  })

  test('when a failed action is run again, then the old failure is gone once it succeeds', async () => {
    let fail = true
    const { result } = renderHook(() =>
      useAction(async () => {
        if (fail) throw networkError()
        return 'ok'
      }),
    )
    await act(async () => void (await result.current.run()))
    expect(result.current.error?.code).toBe('NETWORK')
    fail = false
    await act(async () => void (await result.current.run()))
    expect(result.current.error).toBeNull()
  })

  test('when something other than a call fails, then the message is the general one in words', async () => {
    const { result } = renderHook(() =>
      useAction(async (): Promise<void> => {
        throw new TypeError('x is undefined')
      }),
    )
    await act(async () => void (await result.current.run()))
    expect(result.current.error).toEqual({ message: '出了点问题，请稍后再试' })
  })
})
