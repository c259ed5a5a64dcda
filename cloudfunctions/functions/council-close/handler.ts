import { settleDueVotes, type SettleRun } from '../../core/council/settle'
import type { Deps } from '../../core/shared/ports'

/**
 * The `council-close` function: a CloudBase timer trigger (config.json, every minute) closes the
 * votes whose time has come and publishes their results. Pages also close a due vote when they
 * read it, so a late timer only delays the announcement, never the result.
 */
export async function runCouncilClose(
  deps: Pick<Deps, 'store' | 'notifier' | 'log' | 'ids' | 'clock'>,
): Promise<SettleRun> {
  const run = await settleDueVotes(deps)
  if (run.closed) deps.log.info({ fn: 'council-close', ...run }, 'votes closed')
  return run
}
