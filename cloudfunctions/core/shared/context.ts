import type { Caller } from './caller'
import type { Deps } from './ports'

/** Everything a use case gets for one call: who is calling and the ports. */
export interface RequestContext {
  caller: Caller
  deps: Deps
  requestId: string
}
