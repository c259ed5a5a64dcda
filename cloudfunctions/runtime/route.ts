import type { ActionContract, FunctionContract, OutputOf, ParsedInputOf } from '../../contracts'
import type { PublicContext, RequestContext } from '../core/shared/context'
import type { Policy } from '../core/shared/policy'

export interface RateLimitRule<I> {
  max: number
  windowSeconds: number
  /** Narrower buckets than per-user-per-action, e.g. per group for chat. */
  scope?: (input: I) => string
}

/** How the router runs one action: who may, how often, and the use case. */
export interface Route<C extends ActionContract> {
  /** `write` actions change data: they get a default rate limit and are checked for "refused changes nothing". */
  kind: 'read' | 'write'
  policy: Policy<ParsedInputOf<C>>
  /** Overrides the default limit for writes; reads are not limited unless given one. */
  rateLimit?: RateLimitRule<ParsedInputOf<C>>
  run(ctx: RequestContext, input: ParsedInputOf<C>): Promise<OutputOf<C>>
  /** Only PublicRoute sets this. */
  public?: false
}

/**
 * An action anyone may call without signing in — on CloudBase that includes the operator's own
 * calls with the deployment keys, which carry no WeChat user. It gets no caller, so it can touch
 * nothing personal; reads only (today: `ping`, for the smoke check).
 */
export interface PublicRoute<C extends ActionContract> {
  kind: 'read'
  public: true
  /** Per caller (or for all anonymous callers together). */
  rateLimit: RateLimitRule<ParsedInputOf<C>>
  run(ctx: PublicContext, input: ParsedInputOf<C>): Promise<OutputOf<C>>
}

export type AnyRoute<C extends ActionContract> = Route<C> | PublicRoute<C>

export function isPublicRoute<C extends ActionContract>(route: AnyRoute<C>): route is PublicRoute<C> {
  return 'public' in route && route.public === true
}

/** Who may call a route, in plain words (docs/SECURITY.md). */
export function describeAccess(route: AnyRoute<ActionContract>): string {
  return isPublicRoute(route) ? '任何人（无需登录；不涉及个人信息）' : route.policy.describe
}

export type Routes<F extends FunctionContract> = { [A in keyof F]: AnyRoute<F[A]> }

export interface FunctionDefinition<F extends FunctionContract = FunctionContract> {
  name: string
  contract: F
  routes: Routes<F>
}

/** A function's routes, checked against its contract: every action routed, inputs and outputs typed. */
export function defineFunction<F extends FunctionContract>(
  name: string,
  contract: F,
  routes: Routes<F>,
): FunctionDefinition<F> {
  return { name, contract, routes }
}

/** Writes are limited per person and action unless a route says otherwise (a runaway client cannot flood). */
export const DEFAULT_WRITE_LIMIT: RateLimitRule<unknown> = { max: 30, windowSeconds: 60 }
