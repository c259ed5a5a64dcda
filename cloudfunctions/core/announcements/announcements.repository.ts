import type { DocumentStore } from '../shared/document-store'
import type { AnnouncementDoc } from './announcements.docs'

/**
 * Announcements as other features write them (the council posts a vote's result). The
 * `announcements` collection belongs to this feature; everyone else goes through these functions.
 */

export async function insertAnnouncement(store: DocumentStore, announcement: AnnouncementDoc): Promise<void> {
  await store.insert('announcements', announcement)
}
