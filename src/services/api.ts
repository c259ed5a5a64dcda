import {
  contracts,
  validate,
  type ActionName,
  type Contracts,
  type FunctionName,
  type InputOf,
  type OutputOf,
} from '../../contracts'
import { ApiError } from './api-error'
import { transport } from '../platform/transport'

type ActionOf<F extends FunctionName, A extends ActionName<F>> = Contracts[F][A]

/** An action's input: `{} extends Input` means every field is optional, so `data` may be left out. */
export type CallArgs<F extends FunctionName, A extends ActionName<F>> =
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  {} extends InputOf<ActionOf<F, A>> ? [data?: InputOf<ActionOf<F, A>>] : [data: InputOf<ActionOf<F, A>>]
export type CallResult<F extends FunctionName, A extends ActionName<F>> = OutputOf<ActionOf<F, A>>

/**
 * The one way pages talk to the back end. Input is checked with the same schema the server uses,
 * so a form shows the same Chinese message without a round trip; errors arrive as ApiError.
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  ...args: CallArgs<F, A>
): Promise<CallResult<F, A>> {
  const data = args[0] ?? {}
  const contract = contracts[fn][action] as { input: Parameters<typeof validate>[0] }
  const checked = validate(contract.input, data)
  if (!checked.ok)
    throw new ApiError({ code: 'INPUT.INVALID', message: checked.problem.message, field: checked.problem.field })
  const envelope = await transport(fn, { action, data })
  if (!envelope || typeof envelope !== 'object')
    throw new ApiError({ code: 'INTERNAL', message: '服务暂时出了点问题，请稍后再试' })
  if (!envelope.ok) throw new ApiError(envelope.error)
  return envelope.data as CallResult<F, A>
}

/** One function's actions as methods: `endpoint('events').get({ eventId })` is `call('events', 'get', { eventId })`. */
export type Endpoint<F extends FunctionName> = {
  readonly [A in ActionName<F>]: (...args: CallArgs<F, A>) => Promise<CallResult<F, A>>
}

export function endpoint<F extends FunctionName>(fn: F): Endpoint<F> {
  const actions = Object.keys(contracts[fn]) as Array<ActionName<F>>
  return Object.fromEntries(
    actions.map((action) => [action, (...args: CallArgs<F, typeof action>) => call(fn, action, ...args)]),
  ) as unknown as Endpoint<F>
}
