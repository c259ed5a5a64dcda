import type { DocumentStore } from '../shared/document-store'

/**
 * Notifications as other features touch them. The `notifications` collection belongs to this
 * feature; everyone else goes through these functions.
 */

/** Mark read the person's unread notifications that point at `link` (they have now seen what it links to). */
export async function markNotificationsReadFor(
  store: DocumentStore,
  recipientId: string,
  link: string,
  now: number,
): Promise<number> {
  return store.updateWhere('notifications', { recipientId, readAt: null, link }, { set: { readAt: now } })
}
