import type { pingAction } from '../../contracts'
import { ping } from '../core/ops/ping'
import type { PublicRoute } from './route'

/** Every routed function's `ping` (contracts/ping.ts): for the post-deploy smoke check. */
export function pingRoute(functionName: string): PublicRoute<typeof pingAction> {
  return {
    kind: 'read',
    public: true,
    // Each call with contentCheck is a WeChat API call: a handful a minute is all a check needs.
    rateLimit: { max: 10, windowSeconds: 60 },
    run: (ctx, input) => ping(functionName, ctx, input),
  }
}
