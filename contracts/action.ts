import type { z } from 'zod'

/**
 * One action of a function: the schema its input must satisfy and (as a type only) what it
 * returns. The server validates with `input`; the client derives `call`'s types from both.
 */
export interface ActionContract<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I
  /** Phantom: never set at run time, only carries the output type. */
  readonly output?: O
}

export function action<O>() {
  return <I extends z.ZodType>(input: I): ActionContract<I, O> => ({ input })
}

export type FunctionContract = Record<string, ActionContract>

export type InputOf<A> = A extends ActionContract<infer I, unknown> ? z.input<I> : never
export type ParsedInputOf<A> = A extends ActionContract<infer I, unknown> ? z.output<I> : never
export type OutputOf<A> = A extends ActionContract<z.ZodType, infer O> ? O : never
