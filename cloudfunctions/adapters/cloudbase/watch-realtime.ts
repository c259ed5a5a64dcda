import type { RealtimePublisher } from '../../core/shared/ports'

/**
 * On CloudBase nothing is pushed from the functions: the mini-program listens with database
 * `watch()` on the collections it may read (guarded by the security rules in
 * cloudbase/database.rules.json), so a write *is* the publication. A function instance is also
 * short-lived and may have no listener connected to it at all.
 */
export const databaseWatchRealtime: RealtimePublisher = {
  publish() {
    // intentionally nothing: see above
  },
  revoke() {
    // nothing to close here: the chat feature deletes the person's watch leases (chat_readers)
  },
}
