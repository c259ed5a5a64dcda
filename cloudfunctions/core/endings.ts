import { buddiesEndings } from './buddies/endings'
import { chatEndings, chatMediaEndings } from './chat/endings'
import { eventsEndings } from './events/endings'
import type { EndingHandler } from './shared/endings'

/**
 * Every feature's answer to "membership ended" and "role ended", in order: interest groups are
 * left before seats are re-checked (a group's events are for its members), streams and watch
 * leases last. The account's own part (the membership, building roles) changes in the ending's
 * transaction. A feature that gives a power hanging on a membership or role adds its handler here.
 */
export const ENDING_HANDLERS: readonly EndingHandler[] = [buddiesEndings, eventsEndings, chatEndings, chatMediaEndings]
