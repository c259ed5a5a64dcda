import type { Caller } from './caller'
import type { Deps } from './ports'
import type { RequestLoads } from './request-loads'

/** Everything a use case gets for one call: who is calling and the ports. */
export interface RequestContext {
  caller: Caller
  deps: Deps
  requestId: string
  /** What the router and the route's policy loaded while deciding this call (absent outside the router). */
  loaded?: RequestLoads
}

/** What an action that needs no sign-in gets: the ports, never a caller. */
export interface PublicContext {
  deps: Deps
  requestId: string
}
