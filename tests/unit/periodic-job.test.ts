import { periodicJob } from '../../cloudfunctions/local-extensions'
import type { Deps } from '../../cloudfunctions/core/shared/ports'

function gate() {
  let open: () => void = () => undefined
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { opened, open }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe("periodicJob: the local runtime's background beat", () => {
  const errors: Array<Record<string, unknown>> = []
  const deps = {
    log: {
      info: () => undefined,
      warn: () => undefined,
      error: (fields: Record<string, unknown>) => errors.push(fields),
    },
  } as unknown as Deps

  test('when it starts, then it runs at once; pokes during a run ask for exactly one more run after it, never an overlapping one', async () => {
    const gates = [gate(), gate()]
    let runs = 0
    let inFlight = 0
    let mostAtOnce = 0
    const job = periodicJob({
      name: 'test',
      everyMs: 60_000,
      deps,
      run: async () => {
        const gateOfRun = gates[runs++]
        inFlight++
        mostAtOnce = Math.max(mostAtOnce, inFlight)
        await gateOfRun?.opened
        inFlight--
      },
    })
    expect(runs).toBe(1)
    job.poke()
    job.poke()
    gates[0]?.open()
    await settle()
    expect(runs).toBe(2)
    gates[1]?.open()
    await settle()
    expect(runs).toBe(2)
    expect(mostAtOnce).toBe(1)
    await job.stop()
  })

  test("when a run fails, then the failure is logged under the job's name and the next poke runs again", async () => {
    let runs = 0
    const job = periodicJob({
      name: 'failing',
      everyMs: 60_000,
      deps,
      run: async () => {
        runs++
        throw new Error('store unavailable')
      },
    })
    await settle()
    expect(errors).toEqual([
      expect.objectContaining({ job: 'failing', error: expect.stringContaining('store unavailable') }),
    ])
    job.poke()
    await settle()
    expect(runs).toBe(2)
    await job.stop()
  })

  test('when it is stopped during a run, then stop waits for that run and no poke starts another', async () => {
    const slow = gate()
    let finished = false
    let runs = 0
    const job = periodicJob({
      name: 'slow',
      everyMs: 60_000,
      deps,
      run: async (stopping) => {
        runs++
        await slow.opened
        finished = stopping()
      },
    })
    const stopped = job.stop()
    job.poke()
    slow.open()
    await stopped
    expect(finished).toBe(true)
    expect(runs).toBe(1)
  })

  test('when the beat comes round, then it runs again', async () => {
    let runs = 0
    const job = periodicJob({ name: 'beat', everyMs: 20, deps, run: async () => void runs++ })
    await new Promise((resolve) => setTimeout(resolve, 70))
    await job.stop()
    expect(runs).toBeGreaterThanOrEqual(3)
  })
})
