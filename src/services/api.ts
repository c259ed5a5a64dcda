import type { ActionName, Contracts, FunctionName, InputOf, OutputOf } from '../../contracts'
import { validate } from '../../contracts/validation'
import { ApiError } from './api-error'
import { transport } from '../platform/transport'

type ActionOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A]

/** An action's input: `{} extends Input` means every field is optional, so `data` may be left out. */
export type CallArgs<F extends FunctionName, A extends ActionName<F>> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends InputOf<ActionOf<F, A>> ? [data?: InputOf<ActionOf<F, A>>] : [data: InputOf<ActionOf<F, A>>]
export type CallResult<F extends FunctionName, A extends ActionName<F>> = OutputOf<ActionOf<F, A>>

/** Calls one function's actions: `caller('council', councilContract)('overview', {})`. */
export type Caller<F extends FunctionName> = <A extends ActionName<F>>(
  action: A,
  ...args: CallArgs<F, A>
) => Promise<CallResult<F, A>>

/**
 * The one way pages talk to the back end. Input is checked with the same schema the server uses,
 * so a form shows the same Chinese message without a round trip; errors arrive as ApiError.
 *
 * The caller is handed its function's own contract (not the whole contracts map) so a page's
 * bundle carries only the schemas of the features it uses: the WeChat main package stays small.
 */
export function caller<F extends FunctionName>(fn: F, actions: Contracts[F]): Caller<F> {
  return async (action, ...args) => {
    const data = args[0] ?? {}
    const contract = actions[action] as { input: Parameters<typeof validate>[0] }
    const checked = validate(contract.input, data)
    if (!checked.ok)
      throw new ApiError({ code: 'INPUT.INVALID', message: checked.problem.message, field: checked.problem.field })
    const envelope = await transport(fn, { action, data })
    if (!envelope || typeof envelope !== 'object')
      throw new ApiError({ code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' })
    if (!envelope.ok) throw new ApiError(envelope.error)
    return envelope.data as CallResult<F, typeof action>
  }
}

/** One function's actions as methods: `endpoint('events', eventsContract).get({ eventId })`. */
export type Endpoint<F extends FunctionName> = {
  readonly [A in ActionName<F>]: (...args: CallArgs<F, A>) => Promise<CallResult<F, A>>
}

export function endpoint<F extends FunctionName>(fn: F, actions: Contracts[F]): Endpoint<F> {
  const call = caller(fn, actions)
  const names = Object.keys(actions) as Array<ActionName<F>>
  return Object.fromEntries(
    names.map((action) => [action, (...args: CallArgs<F, typeof action>) => call(action, ...args)]),
  ) as unknown as Endpoint<F>
}
