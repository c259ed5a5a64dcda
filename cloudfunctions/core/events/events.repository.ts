import type { DocumentStore } from '../shared/document-store'
import type { EventDoc } from './events.docs'

/**
 * What other features read of events. `events` belongs to the events feature; a building's page
 * shows its next few sessions through this function.
 */

/** The next sessions addressed to one building that are not over by `now`, soonest first. */
export async function upcomingBuildingEvents(
  store: DocumentStore,
  buildingId: string,
  now: number,
  limit: number,
): Promise<EventDoc[]> {
  return store.find(
    'events',
    { audienceKey: `b:${buildingId}`, endAt: { $gt: now } },
    { orderBy: [['startAt', 'asc']], limit },
  )
}
