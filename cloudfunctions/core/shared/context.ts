import type { Caller } from './caller'
import type { Deps } from './ports'

/** Everything a use case gets for one call: who is calling and the ports. */
export interface RequestContext {
  caller: Caller
  deps: Deps
  requestId: string
}

/** What an action that needs no sign-in gets: the ports, never a caller. */
export interface PublicContext {
  deps: Deps
  requestId: string
}
